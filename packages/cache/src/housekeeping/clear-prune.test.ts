import { existsSync, readdirSync, writeFileSync, mkdirSync, unlinkSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InvalidQuantityError, createCache, silentLogger, type Cache } from '../index.js';
import { ageBlobs, tempDir } from '@streamgank/testing';

const at = (genre: string) => ({ country: 'US', genre, platform: 'Netflix' });

async function entryWithBlob(cache: Cache, genre: string, bytes: Buffer | string) {
  const source = join(tempDir('streamgank-src-'), 'asset.bin');
  writeFileSync(source, bytes);
  return cache.getOrCreate('assets', at(genre), async (ctx) => ({
    blob: (await ctx.putBlob(source, 'image/png')).sha256,
  }));
}

describe('prune', () => {
  it('removes entries unused for longer than the age, and the blobs only they used', async () => {
    const dir = tempDir();
    let now = Date.now() - 40 * 86_400_000;
    const cache = createCache({ dir, logger: silentLogger, env: {}, clock: () => now });
    await entryWithBlob(cache, 'Horror', 'old blob');
    await entryWithBlob(cache, 'Comedy', 'new blob');
    now += 20 * 86_400_000;
    expect((await cache.getOrCreate('assets', at('Comedy'), () => ({}))).source).toBe('hit');
    now += 20 * 86_400_000;
    const dry = cache.prune({ maxAge: '30d', dryRun: true });
    // Blobs younger than the grace period stay (a writer elsewhere may be about to use them)...
    expect(cache.prune({ maxAge: '30d', dryRun: true })).toMatchObject({
      removed_blobs: [],
      kept_blobs: [expect.any(String)],
    });
    // ... and these are as old as their entries.
    expect(dry).toMatchObject({ removed: ['assets_us_horror_netflix.json'], dry_run: true });
    expect(existsSync(join(dir, 'assets_us_horror_netflix.json'))).toBe(true);
    ageBlobs(dir, 40 * 86_400_000);
    const result = cache.prune({ maxAge: '30d' });
    expect(result.removed).toEqual(['assets_us_horror_netflix.json']);
    expect(result.removed_blobs).toHaveLength(1);
    expect(cache.list().files.map((file) => file.filename)).toEqual(['assets_us_comedy_netflix.json']);
    expect((await cache.getOrCreate('assets', at('Comedy'), () => ({}))).source).toBe('hit');
  });

  it('removes least recently used entries first until entries and blobs fit the size', async () => {
    const dir = tempDir();
    const cache = createCache({ dir, logger: silentLogger, env: {} });
    await entryWithBlob(cache, 'Horror', Buffer.alloc(40_000, 1));
    await entryWithBlob(cache, 'Comedy', Buffer.alloc(40_000, 2));
    await entryWithBlob(cache, 'Drama', Buffer.alloc(40_000, 3));
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect((await cache.getOrCreate('assets', at('Horror'), () => ({}))).source).toBe('hit');
    const result = cache.prune({ maxSize: '50KB' });
    expect(result.removed).toEqual(['assets_us_comedy_netflix.json', 'assets_us_drama_netflix.json']);
    expect(cache.stats().total_size_bytes).toBeLessThanOrEqual(50 * 1024);
    expect(cache.list().files.map((file) => file.filename)).toEqual(['assets_us_horror_netflix.json']);
  });

  it('keeps a blob still used by a remaining entry', async () => {
    const cache = createCache({ dir: tempDir(), logger: silentLogger, env: {} });
    await entryWithBlob(cache, 'Horror', 'shared');
    await entryWithBlob(cache, 'Comedy', 'shared');
    const result = cache.clear({ genre: 'Horror' });
    expect(result.removed_blobs).toEqual([]);
    expect((await cache.getOrCreate('assets', at('Comedy'), () => ({}))).source).toBe('hit');
  });

  it("clears an entry's history without taking a version another process is writing into it", () => {
    const dir = tempDir();
    const cache = createCache({ dir, logger: silentLogger, env: {} });
    cache.save('script_result', at('Horror'), { take: 1 });
    cache.save('script_result', at('Horror'), { take: 2 });
    const file = 'script_result_us_horror_netflix.json';
    expect(cache.history(file).versions).toHaveLength(2);
    // What a writer in another process has half written into the history folder (its temp file).
    const folder = join(dir, 'history', file);
    const inFlight = join(folder, `.0000000000001-abcdefabcdef.json.${process.pid + 1}.0123abcd.tmp`);
    writeFileSync(inFlight, '{"data": {"take": 3}, "metadata": {}}');

    expect(cache.clear({ file }).removed).toEqual([file]);
    expect(readdirSync(folder)).toEqual([inFlight.slice(folder.length + 1)]);
    unlinkSync(inFlight);
    cache.save('script_result', at('Horror'), { take: 4 });
    expect(cache.clear({ file }).removed).toEqual([file]);
    expect(existsSync(folder)).toBe(false);
  });

  it('clears one entry by its file name, corrupt ones included', () => {
    const dir = tempDir();
    const cache = createCache({ dir, logger: silentLogger, env: {} });
    writeFileSync(join(dir, 'assets_fr_horreur_netflix.json'), '{"data": ');
    writeFileSync(join(dir, 'assets_de_horror_netflix.json'), 'not json');
    cache.save('assets', at('Horror'), { kept: true });
    expect(cache.clear({ file: 'assets_de_horror_netflix.json' }).removed).toEqual(['assets_de_horror_netflix.json']);
    expect(
      cache
        .list()
        .files.map((file) => file.filename)
        .sort(),
    ).toEqual(['assets_fr_horreur_netflix.json', 'assets_us_horror_netflix.json']);
  });

  it('rejects sizes and ages it cannot read', () => {
    const cache = createCache({ dir: tempDir(), logger: silentLogger, env: {} });
    expect(() => cache.prune({ maxSize: 'lots' })).toThrow(InvalidQuantityError);
    expect(() => cache.prune({ maxAge: '-3d' })).toThrow(/30d/);
  });
});

describe('verify', () => {
  it('reports a healthy cache as healthy', async () => {
    const cache = createCache({ dir: tempDir(), logger: silentLogger, env: {} });
    await entryWithBlob(cache, 'Horror', 'fine');
    const report = await cache.verify();
    expect(report).toMatchObject({
      checked_entries: 1,
      ok_entries: 1,
      healthy: true,
      corrupt_entries: [],
      orphan_blobs: [],
    });
  });

  it('reports corrupt entries, bad blobs, orphans and abandoned temp files, and fixes them with fix', async () => {
    const dir = tempDir();
    const cache = createCache({ dir, logger: silentLogger, env: {} });
    await entryWithBlob(cache, 'Horror', 'will be tampered');
    await entryWithBlob(cache, 'Comedy', 'will be orphaned');
    await entryWithBlob(cache, 'Drama', 'fine');
    writeFileSync(join(dir, 'assets_fr_horreur_netflix.json'), '{"data": ');
    const horror = cache.list().files.find((file) => file.parameters.genre === 'Horror');
    const horrorBlob = horror?.blobs[0]?.sha256 as string;
    writeFileSync(join(dir, 'blobs', 'sha256', horrorBlob.slice(0, 2), horrorBlob), 'tampered!!!!!!!!');
    const comedyBlob = cache.list().files.find((file) => file.parameters.genre === 'Comedy')?.blobs[0]
      ?.sha256 as string;
    unlinkSync(join(dir, 'assets_us_comedy_netflix.json'));
    const old = new Date(Date.now() - 3_600_000);
    utimesSync(join(dir, 'blobs', 'sha256', comedyBlob.slice(0, 2), comedyBlob), old, old);
    writeFileSync(join(dir, '.assets_us_drama_netflix.json.999999.0badf00d.tmp'), 'half');
    mkdirSync(join(dir, 'blobs', 'tmp'), { recursive: true });
    writeFileSync(join(dir, 'blobs', 'tmp', `.incoming.${process.pid}.00000000.tmp`), 'being written');

    const report = await cache.verify();
    expect(report.healthy).toBe(false);
    expect(report.corrupt_entries).toMatchObject([{ file: 'assets_fr_horreur_netflix.json', reason: 'not_json' }]);
    expect(report.corrupt_blobs.map((blob) => blob.sha256)).toEqual([horrorBlob]);
    expect(report.missing_blobs).toEqual([{ file: 'assets_us_horror_netflix.json', sha256: horrorBlob }]);
    expect(report.orphan_blobs).toEqual([{ sha256: comedyBlob, bytes: 'will be orphaned'.length, removed: false }]);
    expect(report.temp_files).toEqual([
      {
        path: '.assets_us_drama_netflix.json.999999.0badf00d.tmp',
        removed: false,
        reason: 'its writer (pid 999999) is gone',
      },
    ]);

    const fixed = await cache.verify({ fix: true });
    expect(fixed.fixed).toBe(true);
    expect(fixed.temp_files[0]?.removed).toBe(true);
    expect(fixed.orphan_blobs[0]?.removed).toBe(true);
    const quarantined = readdirSync(join(dir, '.quarantine'));
    expect(quarantined.some((name) => name.startsWith('assets_fr_horreur_netflix.json'))).toBe(true);
    expect(quarantined.some((name) => name.startsWith('assets_us_horror_netflix.json'))).toBe(true);
    expect(quarantined.some((name) => name.startsWith(horrorBlob))).toBe(true);
    expect(readdirSync(join(dir, 'blobs', 'tmp'))).toHaveLength(1);

    const after = await cache.verify();
    expect(after).toMatchObject({ healthy: true, checked_entries: 1, ok_entries: 1 });
    expect(cache.list().files.map((file) => file.filename)).toEqual(['assets_us_drama_netflix.json']);
  });
});
