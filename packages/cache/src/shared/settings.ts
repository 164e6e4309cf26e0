import { InvalidSharedTierOptionError } from './errors.js';

/** Settings of the Redis shared tier; every one has a default. */
export interface RedisTierOptions {
  /** Put before every key, so several projects can share one Redis. Default `streamgank:`. */
  readonly keyPrefix?: string;
  /** Expire entries and blobs this long after they were last written; default none (see README). */
  readonly ttlSeconds?: number;
  /** Blobs larger than this stay local, and so do the entries that refer to them. Default 64 MiB. */
  readonly maxBlobBytes?: number;
  /** Blobs travel in pieces of at most this size, never as one huge value. Default 1 MiB. */
  readonly chunkBytes?: number;
  /** Longest wait for one Redis command (a chunk is one command). Default 500 ms. */
  readonly commandTimeoutMs?: number;
  /** Longest wait for a connection. Default 500 ms. */
  readonly connectTimeoutMs?: number;
  /** After a failure, Redis is left alone for this long before it is tried again. Default 30 s. */
  readonly retryAfterMs?: number;
  /** A producer's lock expires after this unless renewed (it is renewed while the producer runs). Default 30 s. */
  readonly lockTtlMs?: number;
  /** How long to wait for another machine producing the same entry before producing here. Default 120 s. */
  readonly lockWaitMs?: number;
  /** How often a waiting machine looks at the lock. Default 100 ms. */
  readonly lockPollMs?: number;
}

export type SharedTierSettings = Required<Omit<RedisTierOptions, 'ttlSeconds'>> & {
  readonly ttlSeconds: number | undefined;
};

export const SHARED_TIER_DEFAULTS = {
  keyPrefix: 'streamgank:',
  maxBlobBytes: 64 * 1024 * 1024,
  chunkBytes: 1024 * 1024,
  commandTimeoutMs: 500,
  connectTimeoutMs: 500,
  retryAfterMs: 30_000,
  lockTtlMs: 30_000,
  lockWaitMs: 120_000,
  lockPollMs: 100,
} as const;

export function sharedTierSettings(options: RedisTierOptions = {}): SharedTierSettings {
  const positive = (name: keyof RedisTierOptions, value: number | undefined, fallback: number): number => {
    if (value === undefined) return fallback;
    if (!Number.isFinite(value) || value <= 0) throw new InvalidSharedTierOptionError(name, value, 'a positive number');
    return value;
  };
  const ttlSeconds =
    options.ttlSeconds === undefined || options.ttlSeconds === 0
      ? undefined
      : positive('ttlSeconds', options.ttlSeconds, 0);
  const keyPrefix = options.keyPrefix ?? SHARED_TIER_DEFAULTS.keyPrefix;
  if (typeof keyPrefix !== 'string') throw new InvalidSharedTierOptionError('keyPrefix', keyPrefix, 'a string');
  return {
    keyPrefix,
    ttlSeconds,
    maxBlobBytes: positive('maxBlobBytes', options.maxBlobBytes, SHARED_TIER_DEFAULTS.maxBlobBytes),
    chunkBytes: Math.floor(positive('chunkBytes', options.chunkBytes, SHARED_TIER_DEFAULTS.chunkBytes)),
    commandTimeoutMs: positive('commandTimeoutMs', options.commandTimeoutMs, SHARED_TIER_DEFAULTS.commandTimeoutMs),
    connectTimeoutMs: positive('connectTimeoutMs', options.connectTimeoutMs, SHARED_TIER_DEFAULTS.connectTimeoutMs),
    retryAfterMs: positive('retryAfterMs', options.retryAfterMs, SHARED_TIER_DEFAULTS.retryAfterMs),
    lockTtlMs: positive('lockTtlMs', options.lockTtlMs, SHARED_TIER_DEFAULTS.lockTtlMs),
    lockWaitMs: positive('lockWaitMs', options.lockWaitMs, SHARED_TIER_DEFAULTS.lockWaitMs),
    lockPollMs: positive('lockPollMs', options.lockPollMs, SHARED_TIER_DEFAULTS.lockPollMs),
  };
}

/**
 * The Redis URL to use: the option when given (an empty string turns the tier off even when the
 * environment sets one), else `STREAMGANK_REDIS_URL`.
 */
export function resolveRedisUrl(explicit: string | undefined, env: NodeJS.ProcessEnv): string | undefined {
  const url = (explicit ?? env['STREAMGANK_REDIS_URL'] ?? '').trim();
  return url === '' ? undefined : url;
}

/** A URL safe to print: the password (and a user name's secret part) replaced by `***`. */
export function redactRedisUrl(url: string): string {
  if (url.startsWith('/')) return url.replace(/([?&]password=)[^&]*/gi, '$1***');
  try {
    const parsed = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? url : `redis://${url}`);
    if (parsed.password) parsed.password = '***';
    for (const key of [...parsed.searchParams.keys()]) if (/password/i.test(key)) parsed.searchParams.set(key, '***');
    return parsed.toString();
  } catch {
    return url.replace(/\/\/[^@/]*@/, '//***@');
  }
}
