import { createCache, redactRedisUrl, type Cache, type CacheOptions } from '@streamgank/cache';
import type { Command } from 'commander';
import { checkRedisUrl, loadConfig, type CliConfig, type GlobalFlags } from './config.js';
import { Output } from './output.js';

/** What a command's action works with: the resolved configuration and where to write. */
export interface CommandContext {
  readonly config: CliConfig;
  readonly output: Output;
}

export function commandContext(command: Command): CommandContext {
  const flags = command.optsWithGlobals<GlobalFlags & { json?: boolean }>();
  const config = loadConfig(flags);
  checkRedisUrl(config);
  const output = new Output({
    quiet: flags.quiet ?? false,
    verbose: flags.verbose ?? false,
    json: flags.json ?? false,
    secrets: config.secrets,
  });
  output.debug(
    `cache directory: ${config.cacheDir}${config.dotEnvPath ? `; settings also read from ${config.dotEnvPath}` : ''}`,
  );
  output.debug(`shared tier: ${config.redisUrl === undefined ? 'none' : redactRedisUrl(config.redisUrl)}`);
  return { config, output };
}

export type CacheSettings = Omit<CacheOptions, 'dir' | 'env' | 'logger' | 'redisUrl'>;

/**
 * The cache at the configured directory, with the configured shared tier, reporting through the
 * command's output. Whoever opens it closes it (`withCache` does), so that a Redis connection
 * never outlives the command.
 */
export function openCache(context: CommandContext, options: CacheSettings = {}): Cache {
  return createCache({
    dir: context.config.cacheDir,
    env: context.config.env,
    // '' rather than undefined: `--no-redis` must win over STREAMGANK_REDIS_URL in `env`.
    redisUrl: context.config.redisUrl ?? '',
    ...(context.config.sharedMode !== undefined && { sharedMode: context.config.sharedMode }),
    logger: context.output.cacheLogger(),
    ...options,
  });
}

/** Open the cache, hand it to `use`, and close it however `use` ends. */
export async function withCache<T>(
  context: CommandContext,
  use: (cache: Cache) => T | Promise<T>,
  options: CacheSettings = {},
): Promise<T> {
  const cache = openCache(context, options);
  try {
    return await use(cache);
  } finally {
    await cache.close();
  }
}
