import { rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCache, silentLogger } from './index.js';
import { tempDir } from '@streamgank/testing';

const at = (genre: string) => ({ country: 'US', genre, platform: 'Netflix' });

/** Make the directory look untouched for a while, so the index may trust it without a listing. */
function settle(dir: string) {
  const past = new Date(Date.now() - 60_000);
  utimesSync(dir, past, past);
}

describe('the index behind list and stats', () => {
  it('trusts an unchanged directory, and still lists every entry', () => {
    const dir = tempDir();
    const cache = createCache({ dir, logger: silentLogger, env: {} });
    for (const genre of ['Horror', 'Comedy', 'Drama']) cache.save('assets', at(genre), { genre });
    settle(dir);
    expect(cache.list().total_count).toBe(3);
    expect(cache.stats().total_files).toBe(3);
    expect(cache.list().total_count).toBe(3);
  });

  it('notices a lost or damaged index even when the directory has not changed', () => {
    const dir = tempDir();
    const cache = createCache({ dir, logger: silentLogger, env: {} });
    for (let i = 0; i < 20; i += 1) cache.save('assets', at(`Genre${i}`), { i });
    settle(dir);
    expect(cache.list().total_count).toBe(20);
    rmSync(join(dir, '.streamgank', 'index.jsonl'), { force: true });
    writeFileSync(join(dir, '.streamgank', 'index.json'), '{"format": 3, "file": [');
    expect(cache.stats().total_files).toBe(20);
    expect(cache.list().files.map((file) => file.parameters.genre).sort()).toHaveLength(20);
  });

  it('sees files added or removed by hand', () => {
    const dir = tempDir();
    const cache = createCache({ dir, logger: silentLogger, env: {} });
    cache.save('assets', at('Horror'), { a: 1 });
    cache.save('assets', at('Comedy'), { a: 2 });
    settle(dir);
    expect(cache.list().total_count).toBe(2);
    rmSync(join(dir, 'assets_us_comedy_netflix.json'));
    expect(cache.list().files.map((file) => file.filename)).toEqual(['assets_us_horror_netflix.json']);
    writeFileSync(
      join(dir, 'script_result_fr_drame_netflix.json'),
      JSON.stringify({
        data: { hand: true },
        metadata: {
          data_type: 'script_result',
          parameters: { country: 'FR', genre: 'Drame', platform: 'Netflix' },
          saved_timestamp: 1754490353.4,
          saved_datetime: '2025-08-06 22:25:53',
        },
      }),
    );
    expect(cache.stats()).toMatchObject({ total_files: 2, statuses: { ok: 1, legacy: 1, stale: 0, corrupt: 0 } });
  });
});
