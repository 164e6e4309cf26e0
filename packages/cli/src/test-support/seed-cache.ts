import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { createCache, entryFileName, silentLogger, type BlobRef, type Cache } from '@streamgank/cache';
import { makePng } from '@streamgank/testing';

/** A cache in `dir` that the test writes to directly, as the pipeline would. */
export function testCache(dir: string): Cache {
  return createCache({ dir, logger: silentLogger, durable: false, env: {} });
}

export const US_HORROR = { country: 'US', genre: 'Horror', platform: 'Netflix' } as const;
export const FR_HORREUR = { country: 'FR', genre: 'Horreur', platform: 'Netflix' } as const;

/** Two steps' entries for US/Horror/Netflix and one for FR/Horreur/Netflix. */
export function seedEntries(dir: string): Cache {
  const cache = testCache(dir);
  cache.save(
    'script_result',
    US_HORROR,
    { scripts: ['one', 'two', 'three'] },
    { producer: 'local-writer', produceMs: 45_000 },
  );
  cache.save('assets', US_HORROR, { posters: ['a.png'], clips: ['a.mp4'] }, { producer: 'ffmpeg', produceMs: 120_000 });
  cache.save(
    'script_result',
    FR_HORREUR,
    { scripts: ['un', 'deux', 'trois'] },
    { producer: 'local-writer', produceMs: 40_000 },
  );
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

export interface MixedCache {
  readonly dir: string;
  /** Entry file names, by what they are. */
  readonly files: {
    readonly script: string;
    readonly assets: string;
    readonly catalog: string;
    readonly legacy: string;
  };
  /** The PNG poster the assets entry refers to. */
  readonly poster: BlobRef;
  readonly posterBytes: Buffer;
}

/**
 * A cache as a few real runs leave it, made through the cache API: a script (with a recorded
 * OpenAI cost), assets with a real PNG poster blob, a catalog made by getOrCreate, a legacy file
 * from the Python version, and lookups recorded (hits that saved time and money, and a miss).
 */
export async function seedMixedCache(dir: string): Promise<MixedCache> {
  const cache = testCache(dir);
  const posterBytes = makePng(60, 90);
  const poster = await cache.putBlob(Readable.from([posterBytes]), 'image/png');
  cache.save(
    'script_result',
    US_HORROR,
    { scripts: ['one', 'two', 'three'] },
    { producer: 'openai', produceMs: 45_000, costUsd: 0.0042 },
  );
  cache.save(
    'assets',
    US_HORROR,
    { posters: [{ sha256: poster.sha256 }] },
    { producer: 'ffmpeg', produceMs: 120_000, blobs: [poster] },
  );
  const catalog = await cache.getOrCreate('catalog', FR_HORREUR, async (context) => {
    context.setProducer('catalog');
    return { titles: ['Grave', 'La Nuée'] };
  });
  const legacy = writeLegacyEntry(dir);
  cache.load('script_result', US_HORROR);
  cache.load('script_result', US_HORROR);
  cache.load('assets', US_HORROR);
  await cache.close();
  return {
    dir,
    files: {
      script: entryFileName('script_result', US_HORROR),
      assets: entryFileName('assets', US_HORROR),
      catalog: catalog.file,
      legacy,
    },
    poster,
    posterBytes,
  };
}
