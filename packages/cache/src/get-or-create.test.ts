import { readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  CacheMissError,
  InvalidEntryDataError,
  InvalidModeError,
  createCache,
  silentLogger,
  type CacheLogger,
} from './index.js';
import { tempDir } from '@streamgank/testing';
import { legacyCacheDir } from './test-support/legacy-fixtures.js';

const params = { country: 'US', genre: 'Horror', platform: 'Netflix' };

function recordingLogger(): CacheLogger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, warn: (line) => lines.push(`warn: ${line}`), info: (line) => lines.push(`info: ${line}`) };
}

describe('getOrCreate', () => {
  it('produces on a miss, saves, then serves the same data without producing', async () => {
    const cache = createCache({ dir: tempDir(), logger: silentLogger, env: {} });
    let runs = 0;
    const produce = () => {
      runs += 1;
      return { movies: ['Train to Busan'], run: runs };
    };
    const first = await cache.getOrCreate('catalog', params, produce, { inputs: { num_movies: 3 } });
    expect(first).toMatchObject({
      source: 'produced',
      reason: 'miss',
      saved: true,
      file: 'catalog_us_horror_netflix.json',
    });
    const second = await cache.getOrCreate('catalog', params, produce, { inputs: { num_movies: 3 } });
    expect(second).toMatchObject({ source: 'hit', data: { movies: ['Train to Busan'], run: 1 } });
    expect(runs).toBe(1);
  });

  it('never serves a stale entry and says which inputs changed', async () => {
    const logger = recordingLogger();
    const cache = createCache({ dir: tempDir(), logger, env: {} });
    await cache.getOrCreate('script_result', params, () => ({ v: 1 }), {
      inputs: { num_movies: 3, model: 'gpt-4o-mini', prompt: 'v1' },
    });
    const changed = await cache.getOrCreate('script_result', params, () => ({ v: 2 }), {
      inputs: { num_movies: 5, model: 'gpt-4o-mini', temperature: 0.7 },
    });
    expect(changed.source).toBe('produced');
    expect(changed.reason).toBe('stale');
    expect(changed.data).toEqual({ v: 2 });
    expect(changed.reasons).toEqual(['num_movies: 3 → 5', 'prompt: removed (was "v1")', 'temperature: added (0.7)']);
    expect(logger.lines.some((line) => line.includes('stale') && line.includes('num_movies: 3 → 5'))).toBe(true);
    expect(cache.list().files[0]?.status).toBe('ok');
    const again = await cache.getOrCreate('script_result', params, () => ({ v: 3 }), {
      inputs: { temperature: 0.7, model: 'gpt-4o-mini', num_movies: 5 },
    });
    expect(again).toMatchObject({ source: 'hit', data: { v: 2 } });
  });

  it('marks an entry stale in the listing when a read found it stale', async () => {
    const dir = tempDir();
    const cache = createCache({ dir, logger: silentLogger, env: {} });
    cache.save('assets', params, { a: 1 }, { inputs: { num_movies: 3 } });
    expect(cache.load('assets', params, { inputs: { num_movies: 4 } })).toMatchObject({
      status: 'stale',
      reasons: ['num_movies: 3 → 4'],
    });
    expect(cache.list().files[0]).toMatchObject({ status: 'stale', stale_reasons: ['num_movies: 3 → 4'] });
  });

  it('treats a legacy entry as stale when the caller has inputs to check, and as a hit when not', async () => {
    const dir = legacyCacheDir();
    const cache = createCache({ dir, logger: silentLogger, env: {} });
    const withInputs = await cache.getOrCreate('script_result', params, () => ({ fresh: true }), {
      inputs: { num_movies: 3 },
    });
    expect(withInputs).toMatchObject({ source: 'produced', reason: 'stale' });
    expect(withInputs.reasons[0]).toMatch(/legacy/);
    const without = await cache.getOrCreate('assets', params, () => ({ fresh: true }));
    expect(without.source).toBe('hit');
  });

  it('runs one producer for concurrent calls on one entry', async () => {
    const cache = createCache({ dir: tempDir(), logger: silentLogger, env: {} });
    let runs = 0;
    const produce = async () => {
      runs += 1;
      await new Promise((resolve) => setTimeout(resolve, 50));
      return { n: runs };
    };
    const results = await Promise.all(Array.from({ length: 20 }, () => cache.getOrCreate('assets', params, produce)));
    expect(runs).toBe(1);
    expect(new Set(results.map((result) => JSON.stringify(result.data)))).toEqual(new Set(['{"n":1}']));
    const other = await cache.getOrCreate('assets', { ...params, genre: 'Comedy' }, produce);
    expect(other.data).toEqual({ n: 2 });
  });

  it('caches nothing when the producer fails, and tries again next time', async () => {
    const dir = tempDir();
    const cache = createCache({ dir, logger: silentLogger, env: {} });
    await expect(cache.getOrCreate('assets', params, () => Promise.reject(new Error('ffmpeg died')))).rejects.toThrow(
      'ffmpeg died',
    );
    expect(readdirSync(dir).filter((name) => name.endsWith('.json'))).toEqual([]);
    expect((await cache.getOrCreate('assets', params, () => ({ ok: true }))).data).toEqual({ ok: true });
  });

  it('refuses data that is not JSON, and keeps the cache untouched', async () => {
    const dir = tempDir();
    const cache = createCache({ dir, logger: silentLogger, env: {} });
    await expect(cache.getOrCreate('assets', params, () => ({ big: 10n }))).rejects.toThrow(InvalidEntryDataError);
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    expect(() => cache.save('assets', params, cyclic)).toThrow(InvalidEntryDataError);
    expect(() => cache.save('assets', params, undefined)).toThrow(InvalidEntryDataError);
    expect(readdirSync(dir).filter((name) => name.endsWith('.json'))).toEqual([]);
  });

  it('validates cached data with the step schema and treats a mismatch as corrupt', async () => {
    const dir = tempDir();
    const cache = createCache({ dir, logger: silentLogger, env: {} });
    cache.save('script_result', params, { script_count: 'three' });
    const schema = z.object({ script_count: z.number() });
    const result = await cache.getOrCreate('script_result', params, () => ({ script_count: 3 }), { schema });
    expect(result).toMatchObject({ source: 'produced', reason: 'corrupt', data: { script_count: 3 } });
    expect(readdirSync(join(dir, '.quarantine'))).toHaveLength(1);
    expect((await cache.getOrCreate('script_result', params, () => ({ script_count: 4 }), { schema })).source).toBe(
      'hit',
    );
  });

  it('accepts extra parameters as inputs, so they are never silently ignored', async () => {
    const cache = createCache({ dir: tempDir(), logger: silentLogger, env: {} });
    await cache.getOrCreate('catalog', { ...params, num_movies: 3 }, () => ({ n: 3 }));
    const five = await cache.getOrCreate('catalog', { ...params, num_movies: 5 }, () => ({ n: 5 }));
    expect(five).toMatchObject({ source: 'produced', reason: 'stale', reasons: ['num_movies: 3 → 5'] });
  });
});

describe('cache modes', () => {
  const produceCounter = () => {
    let runs = 0;
    return { produce: () => ({ run: ++runs }), runs: () => runs };
  };

  it('readonly never produces: a miss is an error naming the entry and how to fill it', async () => {
    const dir = tempDir();
    const cache = createCache({
      dir,
      mode: 'readonly',
      logger: silentLogger,
      env: {},
      fillHint: (type, p) => `Fill it with: streamgank run --country ${p['country']} (${type}).`,
    });
    const counter = produceCounter();
    const error = await cache.getOrCreate('assets', params, counter.produce).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CacheMissError);
    expect((error as Error).message).toContain(join(dir, 'assets_us_horror_netflix.json'));
    expect((error as Error).message).toContain('Fill it with: streamgank run --country US (assets).');
    expect(counter.runs()).toBe(0);
    createCache({ dir, logger: silentLogger, env: {} }).save('assets', params, { there: true });
    expect((await cache.getOrCreate('assets', params, counter.produce)).data).toEqual({ there: true });
    expect(cache.save('assets', params, { overwritten: true }).written).toBe(false);
  });

  it('refresh always produces and saves', async () => {
    const dir = tempDir();
    const cache = createCache({ dir, mode: 'refresh', logger: silentLogger, env: {} });
    const counter = produceCounter();
    await cache.getOrCreate('assets', params, counter.produce);
    const second = await cache.getOrCreate('assets', params, counter.produce);
    expect(second).toMatchObject({ source: 'produced', reason: 'refresh', saved: true, data: { run: 2 } });
    expect(createCache({ dir, logger: silentLogger, env: {} }).load('assets', params)).toMatchObject({
      status: 'hit',
      data: { run: 2 },
    });
  });

  it('off neither reads nor writes', async () => {
    const dir = tempDir();
    createCache({ dir, logger: silentLogger, env: {} }).save('assets', params, { old: true });
    const cache = createCache({ dir, mode: 'off', logger: silentLogger, env: {} });
    const result = await cache.getOrCreate('assets', params, () => ({ fresh: true }));
    expect(result).toMatchObject({ source: 'produced', reason: 'off', saved: false, data: { fresh: true } });
    expect(cache.load('assets', params).status).toBe('miss');
    expect(cache.save('assets', params, { other: true }).written).toBe(false);
    expect(createCache({ dir, logger: silentLogger, env: {} }).load('assets', params)).toMatchObject({
      data: { old: true },
    });
  });

  it('reads STREAMGANK_CACHE_MODE, per data type too, and the seed APP_ENV', () => {
    const dir = tempDir();
    const modeOf = (env: NodeJS.ProcessEnv, type = 'assets', options = {}) =>
      createCache({ dir, logger: silentLogger, env, ...options }).modeFor(type);
    expect(modeOf({})).toBe('readwrite');
    expect(modeOf({ APP_ENV: 'production' })).toBe('off');
    expect(modeOf({ APP_ENV: 'development' })).toBe('refresh');
    expect(modeOf({ APP_ENV: 'local' })).toBe('readwrite');
    expect(modeOf({ APP_ENV: 'staging' })).toBe('readwrite');
    expect(modeOf({ STREAMGANK_CACHE_MODE: 'readonly', APP_ENV: 'production' })).toBe('readonly');
    const perType = { STREAMGANK_CACHE_MODE: 'readonly, script_result=refresh' };
    expect(modeOf(perType, 'script_result')).toBe('refresh');
    expect(modeOf(perType, 'assets')).toBe('readonly');
    expect(modeOf(perType, 'assets', { mode: 'off' })).toBe('off');
    expect(modeOf({}, 'script_result', { mode: 'readonly', modes: { script_result: 'refresh' } })).toBe('refresh');
    expect(() => modeOf({ STREAMGANK_CACHE_MODE: 'sometimes' })).toThrow(InvalidModeError);
    expect(() => modeOf({ STREAMGANK_CACHE_MODE: 'sometimes' })).toThrow(/readwrite, readonly, refresh, off/);
  });

  it('applies a per-type mode inside getOrCreate', async () => {
    const dir = tempDir();
    const seed = createCache({ dir, logger: silentLogger, env: {} });
    seed.save('script_result', params, { old: 'script' });
    seed.save('assets', params, { old: 'assets' });
    const cache = createCache({ dir, logger: silentLogger, env: { STREAMGANK_CACHE_MODE: 'script_result=refresh' } });
    expect((await cache.getOrCreate('script_result', params, () => ({ new: 'script' }))).source).toBe('produced');
    expect((await cache.getOrCreate('assets', params, () => ({ new: 'assets' }))).source).toBe('hit');
  });
});

describe('entries the cache did not write', () => {
  it('loads a Python-era entry under its old name when the new name differs', () => {
    const dir = tempDir();
    const legacy = {
      data: { scripts: 1 },
      metadata: {
        data_type: 'script_result',
        parameters: { country: 'FR', genre: 'Mystère & Thriller', platform: 'Netflix' },
        saved_timestamp: 1754490353.46,
        saved_datetime: '2025-08-06 22:25:53',
      },
    };
    writeFileSync(join(dir, 'script_result_fr_mystère_and_thriller_netflix.json'), JSON.stringify(legacy, null, 2));
    const cache = createCache({ dir, logger: silentLogger, env: {} });
    expect(
      cache.load('script_result', { country: 'FR', genre: 'Mystère & Thriller', platform: 'Netflix' }),
    ).toMatchObject({
      status: 'hit',
      legacy: true,
      data: { scripts: 1 },
    });
  });

  it('does not serve a file whose metadata names other parameters', () => {
    const dir = tempDir();
    const cache = createCache({ dir, logger: silentLogger, env: {} });
    cache.save('assets', { country: 'US', genre: 'Comedy', platform: 'Netflix' }, { comedy: true });
    renameSync(join(dir, 'assets_us_comedy_netflix.json'), join(dir, 'assets_us_horror_netflix.json'));
    const result = cache.load('assets', params);
    expect(result.status).toBe('miss');
  });
});
