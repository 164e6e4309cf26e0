import type { JsonValue } from './entries/canonical-json.js';
import { createCache, type Cache } from './cache.js';
import type { CacheOptions } from './context.js';
import type { EntryFilter } from './entries/filter.js';
import type { FingerprintInputs } from './entries/fingerprint.js';
import type { ListResult } from './index/list.js';
import type { CacheStats } from './index/stats.js';

/**
 * The Python version's functions, with its arguments and result keys, for people (and code) coming
 * from it. They share one cache per directory and option set; use `createCache` for anything more.
 */
export interface SeedOptions extends CacheOptions {
  /** Everything else that shapes the data (number of movies, model…): into the fingerprint. */
  readonly inputs?: FingerprintInputs;
  readonly producer?: string;
  readonly produceMs?: number;
}

/** Options that belong to one call, not to the cache it uses. */
const PER_CALL = new Set(['inputs', 'producer', 'produceMs']);
const MAX_SHARED_CACHES = 32;
const caches = new Map<string, Cache>();
const objectIds = new WeakMap<object, number>();
let nextObjectId = 0;

/**
 * One cache per directory and option set, shared by every call that passes the same options (a
 * cache holds the directory's paths and settings; making one per call cost a hit a third of its
 * time). Object options (a logger, a clock, an environment of your own) count by identity, and the
 * settings a cache reads from the environment count by value.
 */
function cacheFor(options: SeedOptions): Cache {
  const key = cacheKey(options);
  let cache = caches.get(key);
  if (!cache) {
    if (caches.size >= MAX_SHARED_CACHES) {
      const oldest = caches.keys().next().value as string;
      void caches.get(oldest)?.close();
      caches.delete(oldest);
    }
    cache = createCache(options);
    caches.set(key, cache);
  }
  return cache;
}

/** The variables a cache reads when it is made; the process environment can change between calls. */
const SETTING_VARIABLES = [
  'STREAMGANK_CACHE_DIR',
  'STREAMGANK_CACHE_MODE',
  'APP_ENV',
  'STREAMGANK_REDIS_URL',
  'STREAMGANK_CACHE_KEEP_VERSIONS',
  'STREAMGANK_SHARED_MODE',
  'STREAMGANK_SHARED_KEY',
];

function cacheKey(options: SeedOptions): string {
  const env = options.env ?? process.env;
  const parts: string[] = SETTING_VARIABLES.map((name) => env[name] ?? '');
  for (const name of Object.keys(options).sort()) {
    // The environment counts by the settings read from it (above), not by which object holds them.
    if (PER_CALL.has(name) || name === 'env') continue;
    const value = (options as Record<string, unknown>)[name];
    if (value === undefined) continue;
    const byIdentity = (typeof value === 'object' && value !== null) || typeof value === 'function';
    const shown = byIdentity ? `#${idOf(value)}` : JSON.stringify(value);
    parts.push(`${name}=${shown}`);
  }
  return parts.join('\0');
}

function idOf(value: object): number {
  let id = objectIds.get(value);
  if (id === undefined) {
    id = nextObjectId += 1;
    objectIds.set(value, id);
  }
  return id;
}

/** Save `data`; returns the path written (e.g. `test_output/script_result_us_horror_netflix.json`), or '' when nothing was written. */
export function saveTestData(
  data: unknown,
  dataType: string,
  country: string,
  genre: string,
  platform: string,
  options: SeedOptions = {},
): string {
  const result = cacheFor(options).save(dataType, { country, genre, platform }, data, {
    ...(options.inputs && { inputs: options.inputs }),
    ...(options.producer !== undefined && { producer: options.producer }),
    ...(options.produceMs !== undefined && { produceMs: options.produceMs }),
  });
  return result.written ? result.path : '';
}

/** The cached data, or null on a miss (missing, stale when `inputs` are given, corrupt, or mode off/refresh). */
export function loadTestData<T = JsonValue>(
  dataType: string,
  country: string,
  genre: string,
  platform: string,
  options: SeedOptions = {},
): T | null {
  const result = cacheFor(options).load<T>(
    dataType,
    { country, genre, platform },
    {
      ...(options.inputs && { inputs: options.inputs }),
    },
  );
  return result.status === 'hit' ? result.data : null;
}

export type SeedClearFilter = EntryFilter;

/** Remove the entries matching `filter` (all of them without one); returns how many were removed. */
export function clearTestData(filter: SeedClearFilter = {}, options: SeedOptions = {}): number {
  return cacheFor(options).clear(filter).removed.length;
}

export function listTestData(options: SeedOptions = {}): ListResult {
  return cacheFor(options).list();
}

export function getCacheStats(options: SeedOptions = {}): CacheStats {
  return cacheFor(options).stats();
}

/** `saveTestData(data, 'script_result', …)`, as the seed's `save_script_result`. */
export function saveScriptResult(
  data: unknown,
  country: string,
  genre: string,
  platform: string,
  options: SeedOptions = {},
): string {
  return saveTestData(data, 'script_result', country, genre, platform, options);
}

/** `saveTestData(data, 'assets', …)`, as the seed's `save_assets_result`. */
export function saveAssetsResult(
  data: unknown,
  country: string,
  genre: string,
  platform: string,
  options: SeedOptions = {},
): string {
  return saveTestData(data, 'assets', country, genre, platform, options);
}
