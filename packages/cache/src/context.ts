import { ActivityLog } from './activity/log.js';
import { BlobStore } from './blobs/store.js';
import { CheckedEntryFiles } from './entries/checked-files.js';
import { EntryIndex } from './index/entry-index.js';
import { cacheLayout, childPathPrefix, defaultCacheDirectory, type CacheLayout } from './files/layout.js';
import { stderrLogger, type CacheLogger } from './options/logger.js';
import { modeSettingsFromEnv, resolveMode, type CacheMode, type ModeSettings } from './options/modes.js';
import { isUnwritableError } from './errors.js';
import {
  redactRedisUrl,
  resolveRedisUrl,
  resolveSharedKey,
  resolveSharedMode,
  sharedTierSettings,
  type RedisTierOptions,
  type SharedMode,
} from './shared/settings.js';
import type { SharedStore } from './shared/store.js';
import { SharedTier } from './shared/tier.js';
import { VersionStore } from './versions/store.js';
import { PinStore } from './versions/pins.js';
import { SecretScanner } from './secrets/scanner.js';
import type { KnownSecret } from './secrets/known-values.js';
import { InvalidOptionError } from './errors.js';

export interface CacheOptions extends ModeSettings {
  /** The cache directory; default `STREAMGANK_CACHE_DIR`, else `test_output` in the current directory. */
  readonly dir?: string;
  /** Where modes and the default directory are read from; default `process.env`. */
  readonly env?: NodeJS.ProcessEnv;
  readonly logger?: CacheLogger;
  /** fsync entry files before renaming them into place (default true). */
  readonly durable?: boolean;
  /** Milliseconds since the epoch; tests pass their own clock to age entries. Default `Date.now`. */
  readonly clock?: () => number;
  /** Told to a user whose readonly run missed an entry: how to fill it. */
  readonly fillHint?: (dataType: string, parameters: Readonly<Record<string, string>>) => string;
  /**
   * The team's Redis, as the shared tier: local directory first, then Redis, then produce.
   * Default `STREAMGANK_REDIS_URL` from `env`; an empty string turns the tier off.
   * `redis://[:password@]host:port[/db]`, `rediss://…` (TLS) or a unix socket path.
   */
  readonly redisUrl?: string;
  /** Settings of the Redis tier (key prefix, TTL, size limits, timeouts, lock); see RedisTierOptions. */
  readonly redis?: RedisTierOptions;
  /** A shared store of your own instead of Redis (wins over `redisUrl`); `MemoryStore` is one. */
  readonly sharedStore?: SharedStore;
  /**
   * `readonly` reads the shared tier and never writes to it (no publishing, no locks): for builds
   * you do not trust, such as pull requests. Default `STREAMGANK_SHARED_MODE`, else readwrite.
   */
  readonly sharedMode?: SharedMode;
  /**
   * The team's key: everything published is signed with it (HMAC-SHA256) and anything unsigned or
   * signed with another key is ignored. Default `STREAMGANK_SHARED_KEY`. Without a key, anyone who
   * can write to the Redis can publish data every machine will use.
   */
  readonly sharedKey?: string;
  /**
   * How many earlier versions of each entry to keep when it is replaced; default
   * `STREAMGANK_CACHE_KEEP_VERSIONS`, else 3. 0 keeps none.
   */
  readonly keepVersions?: number;
  /** How long clear, prune and verify --fix wait for another process's housekeeping; default 10 s. */
  readonly lockWaitMs?: number;
  /**
   * Values that must never be stored, published or exported, besides the ones the cache finds itself
   * (the environment's `*_KEY`, `*_SECRET`, `*_TOKEN`, `*_PASSWORD`, URL passwords, the shared key).
   */
  readonly secretValues?: readonly string[];
}

/** What every cache operation shares: where things are, the index, the activity log, the blob store. */
export interface CacheContext {
  /** The directory as the user gave it (relative paths stay relative, as the seed printed them). */
  readonly directory: string;
  readonly layout: CacheLayout;
  readonly index: EntryIndex;
  readonly activity: ActivityLog;
  readonly blobs: BlobStore;
  /** Earlier versions of entries, under `history/`. */
  readonly versions: VersionStore;
  /** Entries pinned as golden fixtures. */
  readonly pins: PinStore;
  /** How many earlier versions of each entry are kept. */
  readonly keepVersions: number;
  readonly lockWaitMs: number;
  /** Finds and redacts secrets before anything is stored, published or exported. */
  readonly secrets: SecretScanner;
  /** Entry files whose checksum was already compared, while they stay unchanged. */
  readonly checkedFiles: CheckedEntryFiles;
  readonly logger: CacheLogger;
  readonly durable: boolean;
  readonly options: CacheOptions;
  /** The shared tier, when one is configured. */
  readonly shared: SharedTier | undefined;
  now(): number;
  /** An entry file's path as the user would type it (under the directory as given). */
  pathOf(file: string): string;
  /** A top-level file's absolute path. Only for names from the directory or that `isSafeFileName` accepts. */
  absolutePathOf(file: string): string;
  modeFor(dataType: string): CacheMode;
  /** Report once per process and directory that the cache cannot be written, then carry on. */
  warnUnwritable(error: unknown, what: string): void;
}

const warnedUnwritable = new Set<string>();

export function createContext(options: CacheOptions = {}): CacheContext {
  const env = options.env ?? process.env;
  const directory = options.dir ?? defaultCacheDirectory(env);
  const layout = cacheLayout(directory);
  const logger = options.logger ?? stderrLogger;
  const fromEnv = modeSettingsFromEnv(env);
  const directoryPrefix = childPathPrefix(directory);
  const rootPrefix = childPathPrefix(layout.root);
  return {
    directory,
    layout,
    index: new EntryIndex(layout),
    activity: new ActivityLog(layout),
    blobs: new BlobStore(layout, options.durable ?? true),
    versions: new VersionStore(layout),
    pins: new PinStore(layout, directory),
    keepVersions: keepVersionsSetting(options.keepVersions, env),
    lockWaitMs: options.lockWaitMs ?? 10_000,
    secrets: new SecretScanner(env, optionSecrets(options), logger),
    checkedFiles: new CheckedEntryFiles(),
    logger,
    durable: options.durable ?? true,
    options,
    shared: createSharedTier(options, env, logger),
    now: options.clock ?? Date.now,
    pathOf: (file) => directoryPrefix + file,
    absolutePathOf: (file) => rootPrefix + file,
    modeFor: (dataType) => resolveMode(dataType, options, fromEnv),
    warnUnwritable(error, what) {
      if (!isUnwritableError(error)) throw error;
      if (warnedUnwritable.has(layout.root)) return;
      warnedUnwritable.add(layout.root);
      logger.warn(
        `cannot write to the cache at ${directory} (${error.code}: ${what}); carrying on without saving. ` +
          'Free some space or fix the permissions to cache again.',
      );
    },
  };
}

function createSharedTier(options: CacheOptions, env: NodeJS.ProcessEnv, logger: CacheLogger): SharedTier | undefined {
  const settings = sharedTierSettings(options.redis);
  const access = (kind: string) => ({
    mode: resolveSharedMode(options.sharedMode, env),
    key: resolveSharedKey(options.sharedKey, env),
    kind,
  });
  const own = options.sharedStore;
  if (own) return new SharedTier(async () => own, own.location, settings, logger, access(own.kind));
  const url = resolveRedisUrl(options.redisUrl, env);
  if (!url) return undefined;
  const location = redactRedisUrl(url);
  // Loaded on first use, so a cache without a shared tier never loads the Redis client.
  const open = async () => new (await import('./shared/redis-store.js')).RedisStore(url, location, settings);
  return new SharedTier(open, location, settings, logger, access('redis'));
}

/** The number of versions to keep: the option, else `STREAMGANK_CACHE_KEEP_VERSIONS`, else 3. */
function keepVersionsSetting(option: number | undefined, env: NodeJS.ProcessEnv): number {
  const fromEnv = env['STREAMGANK_CACHE_KEEP_VERSIONS']?.trim();
  const value = option ?? (fromEnv ? Number(fromEnv) : 3);
  if (!Number.isSafeInteger(value) || value < 0) {
    const source = option !== undefined ? 'keepVersions' : 'STREAMGANK_CACHE_KEEP_VERSIONS';
    throw new InvalidOptionError(source, option ?? fromEnv, 'a whole number of versions, 0 or more');
  }
  return value;
}

/** Secrets the cache's own options hold: the Redis URL's password, the shared key, and values given. */
function optionSecrets(options: CacheOptions): KnownSecret[] {
  const found: KnownSecret[] = (options.secretValues ?? []).map((value) => ({ value, kind: 'secret' }));
  if (options.sharedKey) found.push({ value: options.sharedKey, kind: 'shared_key' });
  const password = options.redisUrl
    ? /^[a-z][a-z0-9+.-]*:\/\/[^/?#@]*:([^@/?#]+)@/i.exec(options.redisUrl)?.[1]
    : undefined;
  if (password)
    found.push(
      { value: decodeURIComponent(password), kind: 'redis_password' },
      { value: password, kind: 'redis_password' },
    );
  return found;
}
