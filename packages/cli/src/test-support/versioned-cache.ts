import { Readable } from 'node:stream';
import { entryFileName, type BlobRef } from '@streamgank/cache';
import { makePng } from '@streamgank/testing';
import { testCache, US_HORROR } from './seed-cache.js';

export const OLD_SCRIPT =
  'We open with a quiet haunting in a farmhouse, then a keeper who hears knocking, and we end in the snow.';
export const NEW_SCRIPT =
  'We open with a loud haunting in a farmhouse, then a keeper who hears singing, and we end in the snow.';

export interface VersionedCache {
  readonly dir: string;
  readonly files: { readonly catalog: string; readonly script: string; readonly assets: string };
  readonly oldPoster: BlobRef;
  readonly newPoster: BlobRef;
}

/**
 * A cache whose entries have a past, written through the cache API as runs would: a catalog, a
 * script made from it (through getOrCreate, so it records the catalog as upstream) and made again
 * with `num_movies` 3 → 2 and a few words changed, and assets saved twice with two real PNG posters.
 */
export async function seedVersionedCache(dir: string): Promise<VersionedCache> {
  const cache = testCache(dir);
  const catalog = cache.save('catalog', US_HORROR, { titles: ['The Others', 'Hereditary'] }, { producer: 'catalog' });
  const catalogDigest = cache.inspect(catalog.file)?.metadata?.data_sha256 ?? '';
  const upstream = [{ data_type: 'catalog', file: catalog.file, data_sha256: catalogDigest }];
  for (const [numMovies, script, producer] of [
    [3, OLD_SCRIPT, 'writer@1'],
    [2, NEW_SCRIPT, 'writer@2'],
  ] as const) {
    await cache.getOrCreate(
      'script_result',
      US_HORROR,
      (context) => {
        context.setProducer(producer);
        return Promise.resolve({ combined_script: script });
      },
      { inputs: { num_movies: numMovies }, upstream },
    );
  }
  const oldPoster = await cache.putBlob(Readable.from([makePng(120, 180)]), 'image/png');
  const newPoster = await cache.putBlob(Readable.from([makePng(90, 135)]), 'image/png');
  for (const [numMovies, poster] of [
    [3, oldPoster],
    [2, newPoster],
  ] as const) {
    cache.save(
      'assets',
      US_HORROR,
      { enhanced_posters: { Us: poster.sha256 } },
      { inputs: { num_movies: numMovies }, producer: 'ffmpeg', blobs: [poster] },
    );
  }
  await cache.close();
  return {
    dir,
    files: {
      catalog: catalog.file,
      script: entryFileName('script_result', US_HORROR),
      assets: entryFileName('assets', US_HORROR),
    },
    oldPoster,
    newPoster,
  };
}
