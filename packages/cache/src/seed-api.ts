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

function cacheFor(options: SeedOptions): Cache {
  return createCache(options);
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
