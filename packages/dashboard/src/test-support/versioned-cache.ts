import { Readable } from 'node:stream';
import type { BlobRef, Cache } from '@streamgank/cache';
import { makePng } from '@streamgank/testing';
import { CLIP_FIXTURE, openCache } from './fixture-cache.js';

export interface VersionedCache {
  readonly dir: string;
  readonly cache: Cache;
  /** The poster of the assets entry's first version, referred to only by its history now. */
  readonly oldPoster: BlobRef;
  readonly newPoster: BlobRef;
  readonly clip: BlobRef;
  readonly files: { readonly script: string; readonly assets: string; readonly catalog: string };
}

const US = { country: 'US', genre: 'Horror', platform: 'Netflix' };
export const OLD_SCRIPT =
  'Tonight we open with a quiet haunting in a farmhouse, then a lighthouse keeper who hears knocking, and we end in the snow.';
export const NEW_SCRIPT =
  'Tonight we open with a loud haunting in a farmhouse, then a lighthouse keeper who hears singing, and we end in the snow.';

/**
 * A cache whose entries have a past, written through the cache API: a script saved twice (a few
 * words changed, and `num_movies` 3 → 2), assets saved twice with two different real PNG posters
 * and the same real H.264 clip, and a pinned catalog.
 */
export async function buildVersionedCache(dir: string): Promise<VersionedCache> {
  const cache = openCache(dir);
  const oldPoster = await cache.putBlob(Readable.from([makePng(120, 180)]), 'image/png');
  const newPoster = await cache.putBlob(Readable.from([makePng(90, 135)]), 'image/png');
  const clip = await cache.putBlob(CLIP_FIXTURE, 'video/mp4');
  const catalog = cache.save('catalog', US, { titles: ['The Others', 'Hereditary'] }, { producer: 'catalog' }).file;
  cache.save(
    'script_result',
    US,
    { combined_script: OLD_SCRIPT },
    { inputs: { num_movies: 3 }, producer: 'writer@1', produceMs: 900 },
  );
  const script = cache.save(
    'script_result',
    US,
    { combined_script: NEW_SCRIPT },
    { inputs: { num_movies: 2 }, producer: 'writer@2', produceMs: 1100, costUsd: 0.0012 },
  ).file;
  const posters = (poster: BlobRef) => ({
    enhanced_posters: { Us: poster.sha256 },
    dynamic_clips: { Us: clip.sha256 },
  });
  cache.save('assets', US, posters(oldPoster), {
    inputs: { num_movies: 3 },
    producer: 'ffmpeg',
    blobs: [oldPoster, clip],
  });
  const assets = cache.save('assets', US, posters(newPoster), {
    inputs: { num_movies: 2 },
    producer: 'ffmpeg',
    blobs: [newPoster, clip],
  }).file;
  cache.pin(catalog);
  return { dir, cache, oldPoster, newPoster, clip, files: { script, assets, catalog } };
}
