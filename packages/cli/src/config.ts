import { defaultCacheDirectory } from '@streamgank/cache';
import { readDotEnv } from './dotenv.js';
import { UsageError } from './errors.js';
import { secretValuesOf } from './secrets.js';

/** Flags every command accepts (commander's camel-cased names). */
export interface GlobalFlags {
  readonly cacheDir?: string;
  readonly quiet?: boolean;
  readonly verbose?: boolean;
}

export interface CliConfig {
  /** `--cache-dir`, else STREAMGANK_CACHE_DIR (environment, then `.env`), else `test_output`. */
  readonly cacheDir: string;
  /** The process environment over the `.env` file: what the cache and the pipeline read. */
  readonly env: NodeJS.ProcessEnv;
  /** Variables that came from the `.env` file and not from the environment. */
  readonly fromDotEnv: ReadonlySet<string>;
  /** The `.env` file that was read, if any. */
  readonly dotEnvPath: string | undefined;
  /** Values that must never be shown (API keys), for redacting messages. */
  readonly secrets: readonly string[];
}

/** A variable set to "" or spaces counts as not set, so a `.env` value (or the default) applies. */
export function isBlank(value: unknown): boolean {
  return value === undefined || (typeof value === 'string' && value.trim() === '');
}

/**
 * Configuration from flags, then the environment, then a `.env` file in `cwd`. The `.env` values
 * are merged into a copy of the environment, never into process.env, so child processes only
 * see them when a command passes them on. Each command validates the settings it uses
 * (`run` checks them all with a zod schema, see settings.ts); this stays light for start-up.
 */
export function loadConfig(flags: GlobalFlags, env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): CliConfig {
  const dotEnv = readDotEnv(cwd);
  const merged: NodeJS.ProcessEnv = { ...env };
  const fromDotEnv = new Set<string>();
  for (const [name, value] of Object.entries(dotEnv?.values ?? {})) {
    if (!isBlank(env[name])) continue;
    merged[name] = value;
    fromDotEnv.add(name);
  }
  if (flags.cacheDir !== undefined && flags.cacheDir.trim() === '') {
    throw new UsageError('--cache-dir is empty: give a directory, e.g. --cache-dir test_output.');
  }
  return {
    cacheDir: flags.cacheDir ?? defaultCacheDirectory(merged),
    env: merged,
    fromDotEnv,
    dotEnvPath: dotEnv?.path,
    secrets: secretValuesOf(merged),
  };
}
