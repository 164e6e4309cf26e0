import { existsSync, readFileSync, readdirSync, rmSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  clearTestData,
  createCache,
  getCacheStats,
  listTestData,
  loadTestData,
  saveAssetsResult,
  saveScriptResult,
  saveTestData,
  silentLogger,
} from './index.js';
import { tempDir } from '@streamgank/testing';
import { legacyCacheDir } from './test-support/legacy-fixtures.js';

const quiet = { logger: silentLogger, env: {} };

/** After what the current turn of the event loop queued (the activity log's batch) has run. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

describe('the seed functions', () => {
  it('save an entry in the seed layout, extended, and load it back', () => {
    const dir = tempDir();
    const data = { combined_script: 'Hello', script_count: 3, nested: { list: [1, 2, 'three'] } };
    const path = saveTestData(data, 'script_result', 'US', 'Horror', 'Netflix', {
      dir,
      ...quiet,
      inputs: { num_movies: 3 },
      producer: 'local-writer',
      produceMs: 48123,
    });
    expect(path).toBe(join(dir, 'script_result_us_horror_netflix.json'));

    const file = JSON.parse(readFileSync(path, 'utf8'));
    expect(Object.keys(file)).toEqual(['data', 'metadata']);
    expect(file.data).toEqual(data);
    expect(file.metadata).toMatchObject({
      data_type: 'script_result',
      parameters: { country: 'US', genre: 'Horror', platform: 'Netflix' },
      format_version: 1,
      inputs: { num_movies: 3 },
      producer: 'local-writer',
      produce_ms: 48123,
    });
    expect(file.metadata.saved_timestamp).toBeCloseTo(Date.now() / 1000, -1);
    expect(file.metadata.saved_datetime).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    expect(file.metadata.inputs_fingerprint).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(file.metadata.data_sha256).toMatch(/^[0-9a-f]{64}$/);

    expect(loadTestData('script_result', 'US', 'Horror', 'Netflix', { dir, ...quiet })).toEqual(data);
    expect(loadTestData('script_result', 'us', 'HORROR', 'netflix', { dir, ...quiet })).toEqual(data);
    expect(loadTestData('script_result', 'US', 'Comedy', 'Netflix', { dir, ...quiet })).toBeNull();
  });

  it('return the relative path the seed printed when the directory is relative', () => {
    const dir = tempDir();
    const previous = process.cwd();
    process.chdir(dir);
    try {
      expect(saveScriptResult({ a: 1 }, 'US', 'Horror', 'Netflix', quiet)).toBe(
        'test_output/script_result_us_horror_netflix.json',
      );
      expect(saveAssetsResult({ b: 2 }, 'US', 'Action & Aventure', 'Netflix', quiet)).toBe(
        'test_output/assets_us_action_and_aventure_netflix.json',
      );
      expect(saveTestData({ c: 3 }, 'script_result', 'Canada', 'Comedy', 'Disney', quiet)).toBe(
        'test_output/script_result_canada_comedy_disney.json',
      );
    } finally {
      process.chdir(previous);
    }
  });

  it('use STREAMGANK_CACHE_DIR when no directory is given', () => {
    const dir = tempDir();
    const path = saveTestData({ a: 1 }, 'assets', 'US', 'Horror', 'Netflix', {
      logger: silentLogger,
      env: { STREAMGANK_CACHE_DIR: dir },
    });
    expect(path).toBe(join(dir, 'assets_us_horror_netflix.json'));
  });

  it('load every file the Python version wrote as a legacy entry with its parameters', () => {
    const dir = legacyCacheDir();
    const script = loadTestData<{ raw_movies: { title: string }[] }>('script_result', 'US', 'Horror', 'Netflix', {
      dir,
      ...quiet,
    });
    expect(script?.raw_movies.map((movie) => movie.title)).toEqual([
      'Godzilla Minus One',
      'Train to Busan',
      'The Wailing',
    ]);
    const french = loadTestData<{ enhanced_posters: Record<string, string> }>('assets', 'FR', 'Horreur', 'Netflix', {
      dir,
      ...quiet,
    });
    expect(Object.keys(french?.enhanced_posters ?? {})).toEqual(['Ça', 'La Plateforme', 'Us']);

    const listed = listTestData({ dir, ...quiet });
    expect(listed.total_count).toBe(4);
    for (const file of listed.files) {
      expect(file.status).toBe('legacy');
      expect(file.parameters.platform).toBe('Netflix');
      expect(['script_result', 'assets']).toContain(file.data_type);
    }
    expect(listed.files.find((file) => file.filename === 'assets_fr_horreur_netflix.json')).toMatchObject({
      data_type: 'assets',
      parameters: { country: 'FR', genre: 'Horreur', platform: 'Netflix' },
      saved_datetime: '2025-08-06 22:27:55',
    });
  });

  it('list files with the seed keys, newest first', () => {
    const dir = tempDir();
    saveTestData({ a: 1 }, 'script_result', 'US', 'Horror', 'Netflix', { dir, ...quiet });
    saveTestData({ b: 'x'.repeat(2000) }, 'assets', 'FR', 'Horreur', 'Netflix', { dir, ...quiet });
    const listed = listTestData({ dir, ...quiet });
    expect(listed.total_count).toBe(2);
    expect(listed.files[0]?.filename).toBe('assets_fr_horreur_netflix.json');
    for (const file of listed.files) {
      expect(Object.keys(file)).toEqual(
        expect.arrayContaining([
          'filename',
          'size_bytes',
          'size_mb',
          'data_type',
          'parameters',
          'saved_datetime',
          'status',
        ]),
      );
      expect(file.size_bytes).toBe(readFileSync(join(dir, file.filename)).length);
      expect(file.status).toBe('ok');
    }
    expect(listed.total_size_mb).toBeGreaterThanOrEqual(0);
  });

  it('clear by data type, which the seed could not do for script_result', () => {
    const dir = tempDir();
    saveTestData({ a: 1 }, 'script_result', 'US', 'Horror', 'Netflix', { dir, ...quiet });
    saveTestData({ a: 2 }, 'script_result', 'FR', 'Horreur', 'Netflix', { dir, ...quiet });
    saveTestData({ a: 3 }, 'assets', 'US', 'Horror', 'Netflix', { dir, ...quiet });
    expect(clearTestData({ dataType: 'script_result' }, { dir, ...quiet })).toBe(2);
    expect(listTestData({ dir, ...quiet }).files.map((file) => file.filename)).toEqual([
      'assets_us_horror_netflix.json',
    ]);
  });

  it('clear on metadata: country, genre, platform, in any case or Unicode form', () => {
    const dir = tempDir();
    saveTestData({}, 'script_result', 'US', 'Horror', 'Netflix', { dir, ...quiet });
    saveTestData({}, 'assets', 'US', 'Horror', 'Netflix', { dir, ...quiet });
    saveTestData({}, 'assets', 'US', 'Comedy', 'Netflix', { dir, ...quiet });
    saveTestData({}, 'assets', 'FR', 'Mystère & Thriller', 'Canal+', { dir, ...quiet });
    saveTestData({}, 'assets', 'US_Horror', 'Netflix', 'Max', { dir, ...quiet });
    expect(clearTestData({ country: 'us', genre: 'HORROR' }, { dir, ...quiet })).toBe(2);
    expect(clearTestData({ genre: 'Mystère & Thriller'.normalize('NFD'), platform: 'canal+' }, { dir, ...quiet })).toBe(
      1,
    );
    expect(clearTestData({ platform: 'Netflix' }, { dir, ...quiet })).toBe(1);
    expect(listTestData({ dir, ...quiet }).files.map((file) => file.parameters.country)).toEqual(['US_Horror']);
    expect(clearTestData({}, { dir, ...quiet })).toBe(1);
    expect(readdirSync(dir).filter((name) => name.endsWith('.json'))).toEqual([]);
  });

  it('clear entries older than an age, from their saved time', () => {
    const dir = legacyCacheDir();
    saveTestData({}, 'script_result', 'US', 'Comedy', 'Netflix', { dir, ...quiet });
    // The legacy files were saved in August 2025; touching them must not make them young.
    for (const file of readdirSync(dir))
      if (file.endsWith('.json')) utimesSync(join(dir, file), new Date(), new Date());
    expect(clearTestData({ olderThan: '30d' }, { dir, ...quiet })).toBe(4);
    expect(listTestData({ dir, ...quiet }).files.map((file) => file.filename)).toEqual([
      'script_result_us_comedy_netflix.json',
    ]);
  });

  it('report stats with the seed keys plus hit rate and time saved', async () => {
    const dir = tempDir();
    const cache = createCache({ dir, ...quiet });
    const params = { country: 'US', genre: 'Horror', platform: 'Netflix' };
    await cache.getOrCreate('script_result', params, async () => {
      await new Promise((resolve) => setTimeout(resolve, 30));
      return { script: 'x'.repeat(4000) };
    });
    await cache.getOrCreate('script_result', params, () => ({ never: true }));
    await cache.getOrCreate('script_result', params, () => ({ never: true }));
    saveTestData({ posters: [] }, 'assets', 'US', 'Horror', 'Netflix', { dir, ...quiet });

    const stats = getCacheStats({ dir, ...quiet });
    expect(stats).toMatchObject({
      total_files: 2,
      cache_directory: dir,
      cache_available: true,
      hits: 2,
      misses: 1,
      writes: 2,
    });
    expect(stats.data_types['script_result']?.count).toBe(1);
    expect(stats.data_types['assets']?.count).toBe(1);
    expect(stats.hit_rate).toBeCloseTo(2 / 3, 3);
    const produceMs = cache.list().files.find((file) => file.data_type === 'script_result')?.produce_ms ?? 0;
    expect(produceMs).toBeGreaterThanOrEqual(25);
    expect(stats.time_saved_ms).toBe(2 * produceMs);
    const hours = Object.values(stats.hourly);
    expect(hours.reduce((sum, hour) => sum + hour.time_saved_ms, 0)).toBe(2 * produceMs);
    expect(hours.reduce((sum, hour) => sum + hour.hit, 0)).toBe(2);
    expect(stats.total_size_bytes).toBe(cache.list().files.reduce((sum, file) => sum + file.size_bytes, 0));
  });

  it('leave a cache directory removed after a hit removed: the activity waiting to be written does not bring it back', async () => {
    const dir = join(tempDir(), 'cache');
    saveTestData({ a: 1 }, 'script_result', 'US', 'Horror', 'Netflix', { dir, ...quiet });
    await nextTurn();
    expect(loadTestData('script_result', 'US', 'Horror', 'Netflix', { dir, ...quiet })).toEqual({ a: 1 });
    rmSync(dir, { recursive: true, force: true });
    await nextTurn();
    expect(existsSync(dir)).toBe(false);
  });

  it('count a miss in a cache directory not made yet once a save makes it, and make none for the miss', async () => {
    const dir = join(tempDir(), 'new', 'cache');
    expect(loadTestData('script_result', 'US', 'Horror', 'Netflix', { dir, ...quiet })).toBeNull();
    await nextTurn();
    expect(existsSync(join(dir, '..'))).toBe(false);
    saveTestData({ a: 1 }, 'script_result', 'US', 'Horror', 'Netflix', { dir, ...quiet });
    await nextTurn();
    expect(getCacheStats({ dir, ...quiet })).toMatchObject({ misses: 1, writes: 1, total_files: 1 });
  });

  it('report an empty or missing cache without failing', () => {
    const dir = join(tempDir(), 'does-not-exist');
    expect(listTestData({ dir, ...quiet })).toEqual({ files: [], total_count: 0, total_size_mb: 0 });
    expect(getCacheStats({ dir, ...quiet })).toMatchObject({ total_files: 0, cache_available: false, hit_rate: null });
    expect(clearTestData({}, { dir, ...quiet })).toBe(0);
    expect(loadTestData('assets', 'US', 'Horror', 'Netflix', { dir, ...quiet })).toBeNull();
  });
});
