import { InvalidSharedTierOptionError } from './errors.js';

/** Settings of the Redis shared tier; every one has a default. */
export interface RedisTierOptions {
  /** Put before every key, so several projects can share one Redis. Default `streamgank:`. */
  readonly keyPrefix?: string;
  /** Expire entries and blobs this long after they were last written; default none (see README). */
  readonly ttlSeconds?: number;
  /** Blobs larger than this stay local, and so do the entries that refer to them; larger values in Redis are refused. Default 64 MiB. */
  readonly maxBlobBytes?: number;
  /** Entry values in Redis larger than this are refused without being read. Default 32 MiB. */
  readonly maxEntryBytes?: number;
  /** One deadline for the whole read of a value (every chunk of a blob). Default 30 s. */
  readonly readDeadlineMs?: number;
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
  maxEntryBytes: 32 * 1024 * 1024,
  readDeadlineMs: 30_000,
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
    if (!Number.isFinite(value) || value <= 0)
      throw new InvalidSharedTierOptionError(`redis.${name}`, value, 'a positive number');
    return value;
  };
  const ttlSeconds =
    options.ttlSeconds === undefined || options.ttlSeconds === 0
      ? undefined
      : positive('ttlSeconds', options.ttlSeconds, 0);
  const keyPrefix = options.keyPrefix ?? SHARED_TIER_DEFAULTS.keyPrefix;
  if (typeof keyPrefix !== 'string') throw new InvalidSharedTierOptionError('redis.keyPrefix', keyPrefix, 'a string');
  return {
    keyPrefix,
    ttlSeconds,
    maxBlobBytes: positive('maxBlobBytes', options.maxBlobBytes, SHARED_TIER_DEFAULTS.maxBlobBytes),
    maxEntryBytes: positive('maxEntryBytes', options.maxEntryBytes, SHARED_TIER_DEFAULTS.maxEntryBytes),
    readDeadlineMs: positive('readDeadlineMs', options.readDeadlineMs, SHARED_TIER_DEFAULTS.readDeadlineMs),
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

/** `readwrite`: read from the shared tier and publish to it. `readonly`: read only (untrusted builds). */
export type SharedMode = 'readwrite' | 'readonly';

export const SHARED_MODES: readonly SharedMode[] = ['readwrite', 'readonly'];

/** The shared tier's mode: the option, else `STREAMGANK_SHARED_MODE`, else readwrite. */
export function resolveSharedMode(explicit: string | undefined, env: NodeJS.ProcessEnv): SharedMode {
  const fromEnv = env['STREAMGANK_SHARED_MODE']?.trim();
  const value = (explicit ?? (fromEnv || 'readwrite')).trim().toLowerCase();
  if (!SHARED_MODES.includes(value as SharedMode)) {
    throw new InvalidSharedTierOptionError(
      explicit !== undefined ? 'sharedMode' : 'STREAMGANK_SHARED_MODE',
      explicit ?? fromEnv,
      'readwrite or readonly',
    );
  }
  return value as SharedMode;
}

/**
 * The team's key for signing the shared tier: the option, else `STREAMGANK_SHARED_KEY` (never a
 * command-line flag: it would show in `ps`). Undefined when neither is set.
 */
export function resolveSharedKey(explicit: string | undefined, env: NodeJS.ProcessEnv): string | undefined {
  const key = explicit ?? env['STREAMGANK_SHARED_KEY'];
  if (key === undefined || key === '') return undefined;
  if (key.length < 16) throw new InvalidSharedTierOptionError('sharedKey', '***', 'at least 16 characters');
  return key;
}
