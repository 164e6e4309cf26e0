import { existsSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { list } from 'tar';
import { describe, expect, it } from 'vitest';
import { createCache, silentLogger, type Cache } from '../index.js';
import { InvalidBundleError, exportBundle, importBundle } from '../bundles.js';
import { randomFile } from '../test-support/shared-tier.js';
import { tempDir } from '@streamgank/testing';

const us = (genre: string) => ({ country: 'US', genre, platform: 'Netflix' });
const mustNotRun = () => {
  throw new Error('produced although the bundle held the entry');
};

function cacheAt(dir = tempDir(), clock?: () => number): Cache {
  return createCache({ dir, logger: silentLogger, env: {}, ...(clock && { clock }) });
}

async function withAssets(cache: Cache, genre: string, files: { path: string }[], extra: object = {}) {
  return cache.getOrCreate('assets', us(genre), async (ctx) => {
    const refs = [];
    for (const file of files) refs.push((await ctx.putBlob(file.path, 'video/mp4')).sha256);
    return { clips: refs, ...extra };
  });
}

async function memberNames(file: string): Promise<string[]> {
  const names: string[] = [];
  await list({ file, onReadEntry: (entry) => names.push(entry.path) });
  return names;
}

describe('bundles', () => {
  it('round trip: export with a filter, import into an empty cache, entries load and blobs restore', async () => {
    const source = cacheAt();
    const clip = randomFile(1_500_000, 'clip.mp4');
    const poster = randomFile(20_000, 'poster.png');
    const horror = await withAssets(source, 'Horror', [clip, poster]);
    const comedy = await withAssets(source, 'Comedy', [poster]);
    await source.getOrCreate('script_result', us('Horror'), () => ({ combined_script: 'not exported' }));
    await source.getOrCreate('assets', { country: 'FR', genre: 'Horreur', platform: 'Netflix' }, () => ({ clips: [] }));

    const bundle = join(tempDir('streamgank-bundle-'), 'nested', 'us-assets.tar.gz');
    const exported = await exportBundle(source, bundle, { dataType: 'assets', country: 'us' });
    expect(exported).toMatchObject({
      file: bundle,
      entries: ['assets_us_comedy_netflix.json', 'assets_us_horror_netflix.json'],
      blob_count: 2,
      blob_bytes: 1_520_000,
      skipped: [],
    });
    expect(exported.archive_bytes).toBe(readFileSync(bundle).length);
    expect((await memberNames(bundle)).sort()).toEqual(
      [
        'manifest.json',
        'entries/assets_us_comedy_netflix.json',
        'entries/assets_us_horror_netflix.json',
        `blobs/${horror.data.clips[0]}`,
        `blobs/${horror.data.clips[1]}`,
      ].sort(),
    );
    expect(readdirSync(join(bundle, '..'))).toEqual(['us-assets.tar.gz']);

    const target = cacheAt();
    const imported = await importBundle(target, bundle);
    expect(imported).toEqual({
      file: bundle,
      added: ['assets_us_comedy_netflix.json', 'assets_us_horror_netflix.json'],
      replaced: [],
      skipped: [],
      refused: [],
      blobs_added: 2,
    });
    expect(await target.getOrCreate('assets', us('Horror'), mustNotRun)).toMatchObject({
      source: 'hit',
      data: horror.data,
    });
    expect(await target.getOrCreate('assets', us('Comedy'), mustNotRun)).toMatchObject({
      source: 'hit',
      data: comedy.data,
    });
    const out = tempDir('streamgank-out-');
    await target.restoreBlob(horror.data.clips[0] as string, join(out, 'clip.mp4'));
    expect(readFileSync(join(out, 'clip.mp4')).equals(clip.bytes)).toBe(true);
    expect(target.list().total_count).toBe(2);
    expect(await target.verify()).toMatchObject({ healthy: true, ok_entries: 2 });
    expect(readdirSync(join(target.directory, 'blobs', 'tmp'))).toEqual([]);

    const again = await importBundle(target, bundle);
    expect(again.added).toEqual([]);
    expect(again.skipped.map((skip) => skip.reason)).toEqual([
      'identical to the local entry',
      'identical to the local entry',
    ]);
    expect(again.skipped.every((skip) => skip.kept_local)).toBe(true);
  });

  it('keeps a newer local entry, replaces an older one and a corrupt one, and says which', async () => {
    let now = Date.parse('2025-01-10T12:00:00Z');
    const clock = () => now;
    const source = cacheAt(tempDir(), clock);
    await source.getOrCreate('script_result', us('Horror'), () => ({ v: 'bundle' }));
    await source.getOrCreate('script_result', us('Comedy'), () => ({ v: 'bundle' }));
    await source.getOrCreate('script_result', us('Drama'), () => ({ v: 'bundle' }));
    const bundle = join(tempDir(), 'b.tar.gz');
    await exportBundle(source, bundle);

    const target = cacheAt(tempDir(), clock);
    now += 60_000;
    target.save('script_result', us('Horror'), { v: 'newer local' });
    now -= 120_000;
    target.save('script_result', us('Comedy'), { v: 'older local' });
    writeFileSync(join(target.directory, 'script_result_us_drama_netflix.json'), '{"data": {"torn');
    const report = await importBundle(target, bundle);
    expect(report.added.sort()).toEqual([
      'script_result_us_comedy_netflix.json',
      'script_result_us_drama_netflix.json',
    ]);
    expect(report.replaced).toEqual(['script_result_us_comedy_netflix.json']);
    expect(report.skipped).toHaveLength(1);
    expect(report.skipped[0]).toMatchObject({
      file: 'script_result_us_horror_netflix.json',
      reason: expect.stringMatching(/local entry is as new or newer/),
    });
    expect(target.load('script_result', us('Horror'))).toMatchObject({ data: { v: 'newer local' } });
    expect(target.load('script_result', us('Comedy'))).toMatchObject({ data: { v: 'bundle' } });
    expect(target.load('script_result', us('Drama'))).toMatchObject({ data: { v: 'bundle' } });
    expect(readdirSync(join(target.directory, '.quarantine'))).toHaveLength(1);
  });

  it('leaves out of an export what another machine could not use: corrupt entries, missing blobs', async () => {
    const source = cacheAt();
    const clip = randomFile(1000);
    const result = await withAssets(source, 'Horror', [clip]);
    await source.getOrCreate('script_result', us('Horror'), () => ({ ok: true }));
    await source.getOrCreate('script_result', us('Comedy'), () => ({ ok: true }));
    unlinkSync(
      join(
        source.directory,
        'blobs',
        'sha256',
        (result.data.clips[0] as string).slice(0, 2),
        result.data.clips[0] as string,
      ),
    );
    const comedy = join(source.directory, 'script_result_us_comedy_netflix.json');
    writeFileSync(comedy, readFileSync(comedy, 'utf8').replace('true', 'false'));
    const report = await exportBundle(source, join(tempDir(), 'b.tar.gz'));
    expect(report.entries).toEqual(['script_result_us_horror_netflix.json']);
    expect(report.skipped).toEqual([
      {
        file: 'assets_us_horror_netflix.json',
        reason: `its blob sha256:${result.data.clips[0]} is missing from the cache`,
      },
      {
        file: 'script_result_us_comedy_netflix.json',
        reason: expect.stringContaining('it was edited by hand after it was saved'),
      },
    ]);
  });

  it('refuses a file that is not a bundle, and a missing one, with a typed error', async () => {
    const cache = cacheAt();
    const notABundle = join(tempDir(), 'notes.tar.gz');
    writeFileSync(notABundle, 'just some text, not gzip and not tar');
    await expect(importBundle(cache, notABundle)).rejects.toThrow(InvalidBundleError);
    await expect(importBundle(cache, notABundle)).rejects.toThrow(/no manifest\.json/);
    await expect(importBundle(cache, join(tempDir(), 'missing.tar.gz'))).rejects.toThrow(/there is no such file/);
    expect(existsSync(join(cache.directory, 'blobs'))).toBe(false);
  });
});
