import { defaultCacheDirectory, SHARED_MODES, type SharedMode } from '@streamgank/cache';
import { readDotEnv } from './dotenv.js';
import { UsageError } from './errors.js';
import { redisUrlSecrets, secretValuesOf, usable } from './secrets.js';

/** Flags every command accepts (commander's camel-cased names). */
export interface GlobalFlags {
  readonly cacheDir?: string;
  readonly quiet?: boolean;
  readonly verbose?: boolean;
  /** `--redis-url <url>`; `''` turns the shared tier off. */
  readonly redisUrl?: string;
  /** false with `--no-redis`. */
  readonly redis?: boolean;
  /** `--shared-mode readwrite|readonly`. */
  readonly sharedMode?: string;
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
  /**
   * The team's Redis (the cache's shared tier): `--redis-url`, else STREAMGANK_REDIS_URL
   * (environment, then `.env`); undefined when none is set, or with `--redis-url ''` or `--no-redis`.
   */
  readonly redisUrl: string | undefined;
  /** Where a Redis URL came from, for messages: `--redis-url` or `STREAMGANK_REDIS_URL (from …)`. */
  readonly redisUrlSource: string;
  /** `--shared-mode`, when given (else the cache reads STREAMGANK_SHARED_MODE from `env`). */
  readonly sharedMode: SharedMode | undefined;
  /** Values that must never be shown (API keys, the Redis password), for redacting messages. */
  readonly secrets: readonly string[];
}

/** What the cache's Redis client connects to: a URL with a scheme, or a unix socket path. */
const REDIS_URL = /^(?:(?:redis|rediss|unix|redis\+unix):\/\/\S+|\/\S+)$/i;
const REDIS_URL_FORMS = 'redis://[:password@]host:port[/db], rediss://… (TLS) or a unix socket path';

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
  const redisUrl = resolveRedisUrl(flags, merged);
  const secrets = usable([
    ...secretValuesOf(merged),
    ...(flags.redisUrl === undefined ? [] : redisUrlSecrets(flags.redisUrl)),
  ]);
  return {
    cacheDir: flags.cacheDir ?? defaultCacheDirectory(merged),
    env: merged,
    fromDotEnv,
    dotEnvPath: dotEnv?.path,
    redisUrl,
    sharedMode: sharedModeFlag(flags.sharedMode),
    redisUrlSource:
      flags.redisUrl !== undefined
        ? '--redis-url'
        : `STREAMGANK_REDIS_URL (from ${fromDotEnv.has('STREAMGANK_REDIS_URL') && dotEnv ? dotEnv.path : 'the environment'})`,
    secrets,
  };
}

/**
 * Refuse a Redis URL the cache could not connect to, naming where it came from but not its value
 * (it may hold a password). Apart from loadConfig so that a bad URL never hides the secrets.
 */
export function checkRedisUrl(config: CliConfig): void {
  if (config.redisUrl !== undefined && !REDIS_URL.test(config.redisUrl)) {
    throw new UsageError(
      `${config.redisUrlSource} is not a Redis URL: expected ${REDIS_URL_FORMS} (or --no-redis for none).`,
    );
  }
}

function resolveRedisUrl(flags: GlobalFlags, env: NodeJS.ProcessEnv): string | undefined {
  if (flags.redis === false) return undefined;
  const url = flags.redisUrl ?? env['STREAMGANK_REDIS_URL'];
  return isBlank(url) ? undefined : url?.trim();
}

function sharedModeFlag(value: string | undefined): SharedMode | undefined {
  if (value === undefined) return undefined;
  const mode = value.trim().toLowerCase();
  if (!SHARED_MODES.includes(mode as SharedMode)) {
    throw new UsageError(`--shared-mode ${JSON.stringify(value)} is not a mode: use ${SHARED_MODES.join(' or ')}.`);
  }
  return mode as SharedMode;
}
