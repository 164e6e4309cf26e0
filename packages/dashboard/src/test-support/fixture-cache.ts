import { readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { createCache, silentLogger, type BlobRef, type Cache } from '@streamgank/cache';
import { makePng } from '@streamgank/testing';

export interface FixtureCache {
  readonly dir: string;
  readonly cache: Cache;
  readonly poster: BlobRef;
  readonly posterBytes: Buffer;
  readonly clip: BlobRef;
  readonly clipBytes: Buffer;
  /** A blob stored but referred to by no entry. */
  readonly orphan: BlobRef;
  readonly files: {
    readonly script: string;
    readonly assets: string;
    readonly frScript: string;
    readonly movies: string;
    readonly legacy: string;
    readonly stale: string;
    readonly corrupt: string;
  };
}

/** A real H.264 clip (see test-fixtures/README.md). */
export const CLIP_FIXTURE = fileURLToPath(new URL('../../test-fixtures/clip.mp4', import.meta.url));

const SCRIPT_INPUTS = { num_movies: 3, model: 'gpt-4o-mini', prompt_version: 2 };
const HOUR_MS = 3_600_000;

/** The cache in `dir`, for the test's own reads and writes; `clock` dates what it records. */
export function openCache(dir: string, clock?: () => number): Cache {
  return createCache({ dir, logger: silentLogger, durable: false, env: {}, ...(clock && { clock }) });
}

/**
 * A cache with one entry of every status, written through the real cache API: ok entries with
 * producers, times and costs, an assets entry with a real PNG poster and a real MP4 clip, a legacy file as
 * the Python version wrote it, a stale entry, a corrupt file, and a few hits and misses.
 */
export async function buildFixtureCache(dir: string): Promise<FixtureCache> {
  const cache = openCache(dir);
  const posterBytes = makePng(120, 180);
  const clipBytes = readFileSync(CLIP_FIXTURE);
  const poster = await cache.putBlob(Readable.from([posterBytes]), 'image/png');
  const clip = await cache.putBlob(CLIP_FIXTURE, 'video/mp4');
  const orphan = await cache.putBlob(Readable.from([Buffer.from('nobody refers to me')]), 'text/plain');

  const us = { country: 'US', genre: 'Horror', platform: 'Netflix' };
  const script = cache.save(
    'script_result',
    us,
    { scripts: ['It begins…', 'Then…', 'Finally…'] },
    {
      inputs: SCRIPT_INPUTS,
      producer: 'openai:gpt-4o-mini',
      produceMs: 48_123,
      costUsd: 0.0021,
    },
  ).file;
  const assets = cache.save(
    'assets',
    us,
    { enhanced_posters: { Us: poster.sha256 }, dynamic_clips: { Us: clip.sha256 } },
    {
      inputs: { num_movies: 3 },
      producer: 'ffmpeg',
      produceMs: 12_500,
      blobs: [poster, clip],
    },
  ).file;
  const frScript = cache.save(
    'script_result',
    { country: 'FR', genre: 'Comédie', platform: 'Prime' },
    { scripts: ['Bonjour'] },
    {
      inputs: SCRIPT_INPUTS,
      producer: 'local-writer',
      produceMs: 95,
    },
  ).file;
  const movies = cache.save(
    'movie_data',
    { country: 'US', genre: 'Action & Aventure', platform: 'Netflix' },
    [{ title: 'Heat' }],
    {
      producer: 'catalog',
      produceMs: 40,
    },
  ).file;
  const stale = cache.save(
    'narration',
    { country: 'DE', genre: 'Thriller', platform: 'Disney' },
    { voice: 'a' },
    {
      inputs: { voice: 'alloy' },
      producer: 'ffmpeg',
      produceMs: 3_000,
    },
  ).file;

  const legacy = 'script_result_us_drama_hbo.json';
  writeFileSync(
    join(dir, legacy),
    JSON.stringify(
      {
        data: { scripts: ['From the Python days'] },
        metadata: {
          data_type: 'script_result',
          parameters: { country: 'US', genre: 'Drama', platform: 'HBO' },
          saved_timestamp: 1_754_490_475.7,
          saved_datetime: '2025-08-06 22:27:55',
        },
      },
      null,
      2,
    ),
  );
  const corrupt = 'assets_gb_horror_netflix.json';
  writeFileSync(join(dir, corrupt), '{ "data": { "truncated');
  // A person's notes beside the entries: not an entry, counted in the size all the same.
  writeFileSync(join(dir, 'notes.json'), '{ "todo": "ask about the French voice" }');

  for (let i = 0; i < 3; i += 1) cache.load('script_result', us, { inputs: SCRIPT_INPUTS });
  cache.load('assets', us, { inputs: { num_movies: 3 } });
  cache.load('script_result', { country: 'IT', genre: 'Horror', platform: 'Netflix' });
  cache.load('narration', { country: 'DE', genre: 'Thriller', platform: 'Disney' }, { inputs: { voice: 'nova' } });

  return {
    dir,
    cache,
    poster,
    posterBytes,
    clip,
    clipBytes,
    orphan,
    files: { script, assets, frScript, movies, legacy, stale, corrupt },
  };
}

/**
 * Lookups recorded at earlier hours of the last day, so the time charts have several columns and
 * points: 6 hours ago one hit and one miss, 2 hours ago one hit (of the assets), an hour ago one
 * hit of a cheap entry and two misses. With the fixture's own lookups (this hour), every hour
 * has a different hit rate and time saved.
 */
export function addEarlierActivity(dir: string, now = Date.now()): void {
  const at = (hoursAgo: number) => openCache(dir, () => now - hoursAgo * HOUR_MS);
  const us = { country: 'US', genre: 'Horror', platform: 'Netflix' };
  const missing = { country: 'IT', genre: 'Horror', platform: 'Netflix' };
  const check = (status: string, result: { status: string }) => {
    if (result.status !== status)
      throw new Error(`the fixture expected a ${status}, the cache answered ${result.status}`);
  };
  const sixHoursAgo = at(6);
  check('hit', sixHoursAgo.load('script_result', us, { inputs: SCRIPT_INPUTS }));
  check('miss', sixHoursAgo.load('script_result', missing));
  check('hit', at(2).load('assets', us, { inputs: { num_movies: 3 } }));
  const anHourAgo = at(1);
  check('hit', anHourAgo.load('movie_data', { country: 'US', genre: 'Action & Aventure', platform: 'Netflix' }));
  check('miss', anHourAgo.load('script_result', missing));
  check('miss', anHourAgo.load('narration', missing));
}

/**
 * Date the cache directory a minute back, as if nothing had been written to it for a while. For
 * two seconds after a change the cache re-reads the directory on every listing (and notes again
 * the corrupt files it finds there), so its state moves with each read; after that it trusts its
 * index, and a dashboard polling it sees it hold still. A test of "nothing changed" starts here.
 */
export function settleCacheDirectory(dir: string): void {
  const aMinuteAgo = new Date(Date.now() - 60_000);
  utimesSync(dir, aMinuteAgo, aMinuteAgo);
}
