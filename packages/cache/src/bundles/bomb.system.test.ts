import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '@streamgank/testing';
import { describe, expect, it } from 'vitest';
import { createCache, silentLogger } from '../index.js';
import { assertBuilt, exitOf, spawnChild } from '../test-support/children.js';
import { manifestOf, writeBomb, zerosDigest } from '../test-support/bundle-bomb.js';

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;
const PEAK_RSS_LIMIT = 256 * MiB;
const params = { country: 'US', genre: 'Horror', platform: 'Netflix' };

async function importInChild(dir: string, bundle: string, limits: object = {}) {
  const result = await exitOf(spawnChild('import-worker.mjs', [dir, bundle, JSON.stringify(limits)]));
  expect(result, result.stderr).toMatchObject({ code: 0 });
  return JSON.parse(result.stdout) as {
    imported: boolean;
    error?: string;
    code?: string;
    blobs_added?: number;
    peak_rss_bytes: number;
  };
}

/** The figure the issue asks for, printed beside the assertion. */
function reportPeakRss(what: string, bytes: number): void {
  process.stderr.write(
    `bundle import, ${what}: peak RSS ${(bytes / MiB).toFixed(0)} MiB (limit ${PEAK_RSS_LIMIT / MiB})\n`,
  );
}

/** Every file under the cache's blob area (staged temp files included). */
function blobFiles(dir: string): string[] {
  const blobs = join(dir, 'blobs');
  if (!existsSync(blobs)) return [];
  return readdirSync(blobs, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => entry.name);
}

describe('bundle bombs', { timeout: 240_000 }, () => {
  assertBuilt();

  it('refuses a 4 GiB member in a small gzip that the manifest says is 10 bytes, unread, in bounded memory', async () => {
    const bundle = join(tempDir(), 'bomb.tar.gz');
    const sha256 = zerosDigest(10);
    await writeBomb(bundle, manifestOf([{ sha256, bytes: 10 }]), [{ name: `blobs/${sha256}`, size: 4 * GiB }]);
    expect(statSync(bundle).size).toBeLessThan(32 * MiB);
    const dir = tempDir();
    const started = performance.now();
    const outcome = await importInChild(dir, bundle);
    expect(outcome).toMatchObject({ imported: false, code: 'INVALID_BUNDLE' });
    expect(outcome.error).toMatch(new RegExp(`is ${4 * GiB} bytes, (over the limit|the manifest says 10)`));
    reportPeakRss(`4 GiB bomb in a ${(statSync(bundle).size / MiB).toFixed(1)} MiB gzip`, outcome.peak_rss_bytes);
    expect(outcome.peak_rss_bytes).toBeLessThan(PEAK_RSS_LIMIT);
    // Refused from the member's header: the 4 GiB were never inflated.
    expect(performance.now() - started).toBeLessThan(20_000);
    expect(blobFiles(dir)).toEqual([]);
  });

  it('refuses a manifest that declares a blob over the limit, before reading any member', async () => {
    const bundle = join(tempDir(), 'honest-bomb.tar.gz');
    const sha256 = 'a'.repeat(64);
    await writeBomb(bundle, manifestOf([{ sha256, bytes: 3 * GiB }]), [{ name: `blobs/${sha256}`, size: 1 * MiB }]);
    const dir = tempDir();
    const outcome = await importInChild(dir, bundle);
    expect(outcome).toMatchObject({ imported: false, code: 'INVALID_BUNDLE' });
    expect(outcome.error).toContain(`over the limit of ${2 * GiB}`);
    expect(blobFiles(dir)).toEqual([]);
  });

  it('refuses blob members the manifest does not name, too many members, and too many bytes in all', async () => {
    const named = zerosDigest(1000);
    const stray = zerosDigest(2000);
    const bundle = join(tempDir(), 'stray.tar.gz');
    await writeBomb(bundle, manifestOf([{ sha256: named, bytes: 1000 }]), [
      { name: `blobs/${named}`, size: 1000 },
      { name: `blobs/${stray}`, size: 2000 },
    ]);
    const dir = tempDir();
    const stray_ = await importInChild(dir, bundle);
    expect(stray_).toMatchObject({ imported: false, code: 'INVALID_BUNDLE' });
    expect(stray_.error).toContain(`blob ${stray}, which its manifest does not name`);
    expect(blobFiles(dir)).toEqual([]);

    const many = await importInChild(tempDir(), bundle, { maxMembers: 2 });
    expect(many.error).toContain('more than 2 members');
    const total = await importInChild(tempDir(), bundle, { maxTotalBytes: 500 });
    expect(total.error).toContain('over the limit of 500');
  });

  it('imports an honest 512 MiB blob from a tiny gzip, streamed to disk in bounded memory', async () => {
    const size = 512 * MiB;
    const sha256 = zerosDigest(size);
    // A real entry that refers to the blob, made by a cache elsewhere.
    const maker = createCache({ dir: tempDir(), env: {}, logger: silentLogger });
    const saved = maker.save(
      'final_video',
      params,
      { video: sha256 },
      { blobs: [{ sha256, bytes: size, media_type: 'video/mp4' }] },
    );
    const entryBytes = readFileSync(saved.path);
    const manifest = {
      ...manifestOf([{ sha256, bytes: size }]),
      entries: [
        {
          file: saved.file,
          data_type: 'final_video',
          parameters: params,
          saved_timestamp: Date.now() / 1000,
          bytes: entryBytes.length,
          sha256: createHash('sha256').update(entryBytes).digest('hex'),
          blobs: [sha256],
        },
      ],
    };
    const bundle = join(tempDir(), 'big.tar.gz');
    await writeBomb(
      bundle,
      manifest,
      [{ name: `blobs/${sha256}`, size }],
      [{ name: `entries/${saved.file}`, body: entryBytes }],
    );
    const dir = tempDir();
    const outcome = await importInChild(dir, bundle);
    expect(outcome).toMatchObject({ imported: true, blobs_added: 1 });
    reportPeakRss('honest 512 MiB blob imported', outcome.peak_rss_bytes);
    expect(outcome.peak_rss_bytes).toBeLessThan(PEAK_RSS_LIMIT);
    const cache = createCache({ dir, env: {}, logger: silentLogger });
    expect(cache.load('final_video', params)).toMatchObject({ status: 'hit', data: { video: sha256 } });
    expect(cache.hasBlob({ sha256, bytes: size })).toBe(true);
  });
});
