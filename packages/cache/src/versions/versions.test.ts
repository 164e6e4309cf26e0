import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '@streamgank/testing';
import { describe, expect, it } from 'vitest';
import { createCache, silentLogger, VersionNotFoundError, type Cache, type CacheOptions } from '../index.js';

const params = { country: 'US', genre: 'Horror', platform: 'Netflix' };
const file = 'script_result_us_horror_netflix.json';

function open(options: Partial<CacheOptions> = {}): Cache {
  let now = Date.now() - 3_600_000;
  return createCache({ dir: tempDir(), env: {}, logger: silentLogger, clock: () => (now += 1000), ...options });
}

async function saveVersion(cache: Cache, script: string, numMovies = 3) {
  return cache.getOrCreate('script_result', params, () => ({ script }), {
    mode: 'refresh',
    inputs: { num_movies: numMovies },
  });
}

describe('versions of an entry', () => {
  it('keeps the versions an entry replaced (3 by default), newest first, with what changed in the inputs', async () => {
    const cache = open();
    for (const [index, script] of ['one', 'two', 'three', 'four', 'five'].entries())
      await saveVersion(cache, script, 3 + (index === 4 ? 2 : 0));
    const history = cache.history(file);
    expect(history.versions.map((version) => [version.version, version.current])).toEqual([
      [0, true],
      [1, false],
      [2, false],
      [3, false],
    ]);
    expect(history.versions[0]?.input_changes).toEqual(['num_movies: 3 → 5']);
    expect(history.versions[1]?.input_changes).toEqual([]);
    expect(cache.stats()).toMatchObject({ history_versions: 3 });
    expect(cache.stats().history_size_bytes).toBeGreaterThan(0);
    expect(open({ keepVersions: 1, dir: cache.directory }).history(file).versions).toHaveLength(4);
  });

  it('lists the blobs of kept versions, which the current version no longer uses', async () => {
    const cache = open();
    const source = join(tempDir(), 'poster.png');
    const posters = [];
    for (const bytes of ['old poster', 'new poster']) {
      writeFileSync(source, bytes);
      const result = await cache.getOrCreate(
        'assets',
        params,
        async (ctx) => ({ poster: (await ctx.putBlob(source, 'image/png')).sha256 }),
        { mode: 'refresh' },
      );
      posters.push((result.data as { poster: string }).poster);
    }
    const kept = cache.historyBlobs();
    expect([...kept.keys()]).toEqual([posters[0]]);
    expect(kept.get(posters[0] as string)).toEqual({ sha256: posters[0], bytes: 10, media_type: 'image/png' });
  });

  it('honours STREAMGANK_CACHE_KEEP_VERSIONS', async () => {
    const cache = open({ env: { STREAMGANK_CACHE_KEEP_VERSIONS: '1' } });
    for (const script of ['one', 'two', 'three']) await saveVersion(cache, script);
    expect(cache.history(file).versions).toHaveLength(2);
  });

  it('diffs two versions: data by path, long text word by word, blobs side by side', async () => {
    const cache = open();
    const before =
      'Brace yourself for the most spine-chilling horror movies on Netflix that are setting the web ablaze tonight.';
    const poster = (bytes: string) => {
      const path = join(tempDir(), 'poster.png');
      writeFileSync(path, bytes);
      return path;
    };
    await cache.getOrCreate('script_result', params, async (ctx) => ({
      script: before,
      count: 3,
      poster: (await ctx.putBlob(poster('old poster'), 'image/png')).sha256,
    }));
    await cache.getOrCreate(
      'script_result',
      params,
      async (ctx) => ({
        script: before.replace('spine-chilling', 'blood-curdling'),
        count: 3,
        extra: true,
        poster: (await ctx.putBlob(poster('a new poster'), 'image/png')).sha256,
      }),
      { mode: 'refresh' },
    );
    const diff = await cache.diff(file);
    expect(diff).toMatchObject({ from: { version: 1 }, to: { version: 0 }, identical: false });
    const script = diff.data.find((change) => change.path === 'script');
    const changed = (op: string) =>
      (script?.text ?? [])
        .filter((part) => part.op === op)
        .map((part) => part.text)
        .join(' ');
    expect(changed('-')).toBe('spine chilling');
    expect(changed('+')).toBe('blood curdling');
    expect((script?.text ?? []).map((part) => (part.op === '+' ? '' : part.text)).join('')).toBe(before);
    expect(diff.data.find((change) => change.path === 'extra')).toMatchObject({ kind: 'added', after: true });
    expect(diff.blobs).toMatchObject([
      {
        bytes_changed: true,
        before: { kind: 'image', bytes: 10, present: true },
        after: { kind: 'image', bytes: 12, present: true },
      },
    ]);
    const described = await cache.diff(file, { describeBlob: async () => ({ width: 240, height: 360 }) });
    expect(described.blobs[0]?.after).toMatchObject({ width: 240, height: 360 });
    await expect(cache.diff(file, { from: 7 })).rejects.toBeInstanceOf(VersionNotFoundError);
  });

  it('restores an older version, which is then a hit for the inputs it was made from', async () => {
    const cache = open();
    await saveVersion(cache, 'the good one', 3);
    await saveVersion(cache, 'the bad one', 5);
    const restored = cache.restore(file, 1);
    expect(restored).toMatchObject({ file, restored_version: 1 });
    const hit = await cache.getOrCreate('script_result', params, () => ({ script: 'produced' }), {
      inputs: { num_movies: 3 },
    });
    expect(hit).toMatchObject({ source: 'hit', data: { script: 'the good one' } });
    expect(cache.history(file).versions.map((version) => version.current)).toEqual([true, false]);
    expect((await cache.diff(file)).data).toMatchObject([
      { path: 'script', before: 'the bad one', after: 'the good one' },
    ]);
  });

  it('a pinned entry survives clear, prune and a refresh, which keeps its result as a candidate', async () => {
    const cache = open();
    await saveVersion(cache, 'golden');
    expect(cache.pin(file)).toBe(true);
    expect(cache.list().files[0]).toMatchObject({ filename: file, pinned: true });
    expect(cache.stats().pinned_entries).toBe(1);

    const refreshed = await saveVersion(cache, 'new result');
    expect(refreshed).toMatchObject({
      source: 'produced',
      saved: false,
      pinned_candidate: expect.stringMatching(/\.candidate\.json$/),
    });
    expect(cache.load('script_result', params)).toMatchObject({ status: 'hit', data: { script: 'golden' } });
    expect(cache.history(file).versions[1]).toMatchObject({ candidate: true });
    // Never replaced, so nothing to revert to; its candidate is what a review of it is about.
    const [replaced, ...others] = cache.replacedSince(0);
    expect(others).toEqual([]);
    expect(replaced).toMatchObject({ file, pinned: true, current: { version: 0 }, candidates: [{ version: 1 }] });
    expect(replaced?.previous).toBeUndefined();

    expect(cache.clear()).toMatchObject({ removed: [], skipped_pinned: [file] });
    expect(cache.prune({ maxAge: 1 })).toMatchObject({ removed: [], skipped_pinned: [file] });
    expect(cache.clear({}, { includePinned: true }).removed).toEqual([file]);
  });

  it('prune takes old versions before entries', async () => {
    const cache = open();
    for (const script of ['a'.repeat(3000), 'b'.repeat(3000), 'c'.repeat(3000)]) await saveVersion(cache, script);
    const total = cache.stats().total_size_bytes;
    const result = cache.prune({ maxSize: total - 1000 });
    expect(result).toMatchObject({ removed: [], removed_versions: 1 });
    expect(cache.history(file).versions).toHaveLength(2);
  });

  it('lists the entries replaced since a time, with the version a revert would bring back', async () => {
    const cache = open();
    await saveVersion(cache, 'one');
    const since = Date.now();
    // A version's time is its file's mtime, which the kernel takes from a clock that runs up to one
    // tick (a few ms) behind Date.now(): a save in the same tick could be stamped before `since`.
    await new Promise((resolve) => setTimeout(resolve, 25));
    await saveVersion(cache, 'two');
    const replaced = cache.replacedSince(since);
    expect(replaced).toMatchObject([{ file, current: { version: 0 }, previous: { version: 1 } }]);
    expect(cache.replacedSince(Date.now() + 60_000)).toEqual([]);
  });
});
