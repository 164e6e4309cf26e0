import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCache, silentLogger, type Cache } from '@streamgank/cache';

/** A cache in `dir` that the test writes to directly, as the pipeline would. */
export function testCache(dir: string): Cache {
  return createCache({ dir, logger: silentLogger, durable: false, env: {} });
}

export const US_HORROR = { country: 'US', genre: 'Horror', platform: 'Netflix' } as const;
export const FR_HORREUR = { country: 'FR', genre: 'Horreur', platform: 'Netflix' } as const;

/** Two steps' entries for US/Horror/Netflix and one for FR/Horreur/Netflix. */
export function seedEntries(dir: string): Cache {
  const cache = testCache(dir);
  cache.save('script_result', US_HORROR, { scripts: ['one', 'two', 'three'] }, { producer: 'local-writer', produceMs: 45_000 });
  cache.save('assets', US_HORROR, { posters: ['a.png'], clips: ['a.mp4'] }, { producer: 'ffmpeg', produceMs: 120_000 });
  cache.save('script_result', FR_HORREUR, { scripts: ['un', 'deux', 'trois'] }, { producer: 'local-writer', produceMs: 40_000 });
  return cache;
}

/** A file as the Python version wrote it, saved on 2024-01-07: a legacy entry, long past any age limit. */
export function writeLegacyEntry(dir: string): string {
  const file = 'assets_us_comedy_netflix.json';
  const entry = {
    data: { posters: ['legacy.png'] },
    metadata: {
      data_type: 'assets',
      parameters: { country: 'US', genre: 'Comedy', platform: 'Netflix' },
      saved_timestamp: 1704649200,
      saved_datetime: '2024-01-07 15:30:00',
    },
  };
  writeFileSync(join(dir, file), JSON.stringify(entry, null, 2));
  return file;
}
