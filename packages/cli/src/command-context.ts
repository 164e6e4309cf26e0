import { createCache, type Cache, type CacheOptions } from '@streamgank/cache';
import type { Command } from 'commander';
import { loadConfig, type CliConfig, type GlobalFlags } from './config.js';
import { Output } from './output.js';

/** What a command's action works with: the resolved configuration and where to write. */
export interface CommandContext {
  readonly config: CliConfig;
  readonly output: Output;
}

export function commandContext(command: Command): CommandContext {
  const flags = command.optsWithGlobals<GlobalFlags & { json?: boolean }>();
  const config = loadConfig(flags);
  const output = new Output({
    quiet: flags.quiet ?? false,
    verbose: flags.verbose ?? false,
    json: flags.json ?? false,
    secrets: config.secrets,
  });
  output.debug(`cache directory: ${config.cacheDir}${config.dotEnvPath ? `; settings also read from ${config.dotEnvPath}` : ''}`);
  return { config, output };
}

/** The cache at the configured directory, reporting through the command's output. */
export function openCache(context: CommandContext, options: Omit<CacheOptions, 'dir' | 'env' | 'logger'> = {}): Cache {
  return createCache({
    dir: context.config.cacheDir,
    env: context.config.env,
    logger: context.output.cacheLogger(),
    ...options,
  });
}
