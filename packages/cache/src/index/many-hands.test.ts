import {
  cpSync,
  existsSync,
  readdirSync,
  readFileSync,
  renameSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '@streamgank/testing';
import { describe, expect, it } from 'vitest';
import { createCache, silentLogger, type Cache } from '../index.js';
import { LEGACY_FIXTURES } from '../test-support/legacy-fixtures.js';

const at = (genre: string, country = 'US') => ({ country, genre, platform: 'Netflix' });
const past = (ms = 3_600_000) => new Date(Date.now() - ms);

/** Make the directory look untouched for a while, so the index may trust it without a listing. */
function settle(dir: string) {
  utimesSync(dir, past(60_000), past(60_000));
}

function open(dir: string): Cache {
  return createCache({ dir, logger: silentLogger, env: {} });
}

async function withBlob(cache: Cache, genre: string, blob: string, data: Record<string, unknown> = {}) {
  const source = join(tempDir('streamgank-src-'), 'poster.png');
  writeFileSync(source, blob);
  const result = await cache.getOrCreate('assets', at(genre), async (ctx) => ({
    ...data,
    poster: (await ctx.putBlob(source, 'image/png')).sha256,
  }));
  return result.data.poster;
}

function ageBlob(dir: string, sha256: string) {
  utimesSync(join(dir, 'blobs', 'sha256', sha256.slice(0, 2), sha256), past(), past());
}

describe('other hands in the cache directory', () => {
  it('sees an entry renamed over another (a colleague’s version) with its real size, time and blobs', async () => {
    const mine = tempDir();
    const cache = open(mine);
    await withBlob(cache, 'Horror', 'my poster');
    settle(mine);
    expect(cache.list().files).toHaveLength(1);

    const theirs = tempDir();
    const colleague = open(theirs);
    const theirPoster = await withBlob(colleague, 'Horror', 'their poster, a longer one', { note: 'x'.repeat(500) });
    cpSync(join(theirs, 'blobs'), join(mine, 'blobs'), { recursive: true });
    renameSync(join(theirs, 'assets_us_horror_netflix.json'), join(mine, 'assets_us_horror_netflix.json'));

    const fromFiles = open(theirs);
    const [listed] = cache.list().files;
    const onDisk = readFileSync(join(mine, 'assets_us_horror_netflix.json'));
    expect(listed).toMatchObject({ size_bytes: onDisk.length, blobs: [{ sha256: theirPoster }] });
    expect(listed?.saved_timestamp).toBe(JSON.parse(onDisk.toString()).metadata.saved_timestamp);
    expect(fromFiles.list().files).toEqual([]);
    expect(cache.stats()).toMatchObject({ total_files: 1, entry_size_bytes: onDisk.length });
  });

  it('never lets a clear of another entry remove a blob that a file renamed in refers to', async () => {
    const mine = tempDir();
    const cache = open(mine);
    await withBlob(cache, 'Horror', 'horror poster');
    const shared = await withBlob(cache, 'Comedy', 'a poster both will use');
    settle(mine);
    cache.list();

    const theirs = tempDir();
    await withBlob(open(theirs), 'Horror', 'a poster both will use');
    renameSync(join(theirs, 'assets_us_horror_netflix.json'), join(mine, 'assets_us_horror_netflix.json'));
    ageBlob(mine, shared);

    const cleared = cache.clear({ genre: 'Comedy' });
    expect(cleared.removed).toEqual(['assets_us_comedy_netflix.json']);
    expect(cleared.removed_blobs).toEqual([]);
    const load = cache.load('assets', at('Horror'));
    expect(load).toMatchObject({ status: 'hit', data: { poster: shared } });
    await cache.restoreBlob(shared, join(tempDir(), 'poster.png'));
  });

  it('catches an entry overwritten in place with garbage on load and in verify, and lists it as corrupt', async () => {
    const dir = tempDir();
    const cache = open(dir);
    cache.save('script_result', at('Horror'), { combined_script: 'fine' });
    cache.save('script_result', at('Drama'), { combined_script: 'fine too' });
    settle(dir);
    expect(cache.list().files.map((file) => file.status)).toEqual(['ok', 'ok']);

    writeFileSync(join(dir, 'script_result_us_horror_netflix.json'), 'garbage, same directory entry');
    writeFileSync(join(dir, 'script_result_us_drama_netflix.json'), '{"data": {"half": ');
    expect((await cache.verify()).corrupt_entries.map((entry) => entry.file).sort()).toEqual([
      'script_result_us_drama_netflix.json',
      'script_result_us_horror_netflix.json',
    ]);
    expect(cache.load('script_result', at('Horror'))).toMatchObject({ status: 'corrupt' });
    // The load moved one aside, which changed the directory: the listing now sees the other as it is.
    expect(cache.list().files).toMatchObject([{ filename: 'script_result_us_drama_netflix.json', status: 'corrupt' }]);
    expect(cache.stats().statuses).toMatchObject({ corrupt: 1, ok: 0 });
  });

  it('lists, counts, shows, clears and verifies Python-era files whatever their names', async () => {
    const dir = tempDir();
    const python = (name: string, genre: string) => {
      const entry = JSON.parse(readFileSync(join(LEGACY_FIXTURES, 'script_result_fr_horreur_netflix.json'), 'utf8'));
      entry.metadata.parameters.genre = genre;
      writeFileSync(join(dir, name), JSON.stringify(entry, null, 2));
    };
    python('script_result_fr_comédie_netflix.json', 'Comédie');
    python('script_result_de_komödie_netflix.json', 'Komödie');
    python('script_result_fr_Action & Aventure_Netflix.json', 'Action & Aventure');
    const cache = open(dir);

    const listed = cache.list().files;
    expect(listed.map((file) => [file.filename, file.parameters.genre, file.status]).sort()).toEqual([
      ['script_result_de_komödie_netflix.json', 'Komödie', 'legacy'],
      ['script_result_fr_Action & Aventure_Netflix.json', 'Action & Aventure', 'legacy'],
      ['script_result_fr_comédie_netflix.json', 'Comédie', 'legacy'],
    ]);
    const bytes = readdirSync(dir)
      .filter((name) => name.endsWith('.json'))
      .reduce((sum, name) => sum + readFileSync(join(dir, name)).length, 0);
    expect(cache.stats()).toMatchObject({ total_files: 3, entry_size_bytes: bytes, foreign_files: 0 });
    expect(cache.inspect('script_result_fr_comédie_netflix.json')).toMatchObject({
      status: 'legacy',
      metadata: { parameters: { genre: 'Comédie' } },
    });
    expect(cache.load('script_result', { country: 'FR', genre: 'comédie', platform: 'Netflix' })).toMatchObject({
      status: 'hit',
      file: 'script_result_fr_comédie_netflix.json',
    });
    expect(await cache.verify()).toMatchObject({ checked_entries: 3, legacy_entries: 3, healthy: true });
    expect(cache.clear({ genre: 'KOMÖDIE' }).removed).toEqual(['script_result_de_komödie_netflix.json']);
    expect(existsSync(join(dir, 'script_result_de_komödie_netflix.json'))).toBe(false);
  });

  it('shows one of two files holding one entry, serves the newer, and a save supersedes the older', () => {
    const dir = tempDir();
    const cache = open(dir);
    cache.save('script_result', at('Comédie', 'FR'), { from: 'this version' });
    const mine = cache.fileName('script_result', at('Comédie', 'FR'));
    expect(mine).toMatch(/^script_result_fr_comedie~[0-9a-f]{8}_netflix\.json$/);
    const entry = JSON.parse(readFileSync(join(LEGACY_FIXTURES, 'script_result_fr_horreur_netflix.json'), 'utf8'));
    entry.metadata.parameters.genre = 'Comédie';
    entry.metadata.saved_timestamp = Date.now() / 1000 + 60;
    entry.data = { from: 'python, newer' };
    writeFileSync(join(dir, 'script_result_fr_comédie_netflix.json'), JSON.stringify(entry));

    expect(cache.list().files).toMatchObject([
      { filename: 'script_result_fr_comédie_netflix.json', shadowed_files: [mine] },
    ]);
    expect(cache.stats()).toMatchObject({ total_files: 1, shadowed_files: 1 });
    expect(cache.load('script_result', at('Comédie', 'FR'))).toMatchObject({
      status: 'hit',
      data: { from: 'python, newer' },
    });

    cache.save('script_result', at('comédie', 'fr'), { from: 'saved again' });
    expect(readdirSync(dir).filter((name) => name.endsWith('.json'))).toEqual([mine]);
    expect(cache.list().files).toMatchObject([{ filename: mine, data_type: 'script_result' }]);
    expect(readdirSync(join(dir, 'history', mine))).toHaveLength(2);
  });

  it('keeps two data types whose parameters spell the same seed name in two files', () => {
    const dir = tempDir();
    const cache = open(dir);
    const seed = { country: 'US', genre: 'Horror', platform: 'Netflix' };
    const other = { country: 'result', genre: 'us horror', platform: 'netflix' };
    cache.save('script_result', seed, { which: 'script_result' });
    cache.save('script', other, { which: 'script' });
    cache.save('script_result', seed, { which: 'script_result again' });
    cache.save('script', other, { which: 'script again' });
    expect(cache.load('script_result', seed)).toMatchObject({
      status: 'hit',
      data: { which: 'script_result again' },
      file: 'script_result_us_horror_netflix.json',
    });
    expect(cache.load('script', other)).toMatchObject({ status: 'hit', data: { which: 'script again' } });
    expect(
      cache
        .list()
        .files.map((file) => file.filename)
        .sort(),
    ).toEqual([
      'script_result_us_horror_netflix.json',
      expect.stringMatching(/^script_result_us_horror_netflix~~[0-9a-f]{8}\.json$/),
    ]);
  });

  it('counts foreign files in stats, reports them from verify, and leaves them alone', async () => {
    const dir = tempDir();
    const cache = open(dir);
    cache.save('assets', at('Horror'), { a: 1 });
    writeFileSync(join(dir, 'notes.json'), '{"todo": "ask about the posters"}');
    writeFileSync(join(dir, 'README.md'), '# my cache\n');
    writeFileSync(join(dir, '.gitkeep'), '');
    const stats = cache.stats();
    expect(stats).toMatchObject({ total_files: 1, foreign_files: 3 });
    expect(stats.total_size_bytes).toBe(stats.entry_size_bytes + stats.foreign_size_bytes);
    const report = await cache.verify({ fix: true });
    expect(report.foreign_files.sort((a, b) => (a.file < b.file ? -1 : 1))).toEqual([
      { file: '.gitkeep', bytes: 0, detail: 'a hidden file' },
      { file: 'README.md', bytes: 11, detail: 'not a .json file' },
      { file: 'notes.json', bytes: 33, detail: 'data: required' },
    ]);
    expect(readdirSync(dir)).toEqual(expect.arrayContaining(['.gitkeep', 'README.md', 'notes.json']));
    expect(cache.clear().removed).toEqual(['assets_us_horror_netflix.json']);
    expect(readdirSync(dir)).toEqual(expect.arrayContaining(['.gitkeep', 'README.md', 'notes.json']));
  });

  // 1,200 saves and 600 renames: seconds here, and more on a loaded CI machine.
  it(
    'sees a whole directory of entries replaced at once (a checkout of another machine’s cache), as the files say',
    { timeout: 120_000 },
    () => {
      const count = 600;
      const keys = Array.from({ length: count }, (_, i) => at('Horror', `C${i}`));
      const mine = tempDir();
      const theirs = tempDir();
      const cache = createCache({ dir: mine, logger: silentLogger, env: {}, durable: false });
      const colleague = createCache({ dir: theirs, logger: silentLogger, env: {}, durable: false });
      keys.forEach((key, i) => cache.save('script_result', key, { n: i }));
      keys.forEach((key, i) => colleague.save('script_result', key, { n: i, note: 'theirs '.repeat(1 + (i % 7)) }));
      settle(mine);
      expect(cache.list().total_count).toBe(count);

      for (const file of readdirSync(theirs).filter((name) => name.endsWith('.json'))) {
        renameSync(join(theirs, file), join(mine, file));
      }
      // Another process journals an entry of its own while the replaced files wait to be seen.
      open(mine).save('script_result', at('Comedy'), { mine: true });

      const fromScratch = new Map(
        readdirSync(mine)
          .filter((name) => name.endsWith('.json'))
          .map((name) => {
            const bytes = readFileSync(join(mine, name));
            return [name, { size: bytes.length, saved: JSON.parse(bytes.toString()).metadata.saved_timestamp }];
          }),
      );
      const listedNow = open(mine).list();
      settle(mine);
      // The first listing of the settled directory checks it; the next trusts what was recorded.
      const checked = open(mine).list();
      for (const listing of [listedNow, checked, open(mine).list()]) {
        expect(listing.total_count).toBe(count + 1);
        expect(
          new Map(listing.files.map((f) => [f.filename, { size: f.size_bytes, saved: f.saved_timestamp }])),
        ).toEqual(fromScratch);
      }
      expect(open(mine).stats().total_files).toBe(count + 1);
    },
  );

  it('never follows a link planted in the directory, in list, stats or verify', async () => {
    const dir = tempDir();
    const elsewhere = open(tempDir()).save('assets', at('Comedy'), { outside: true });
    const cache = open(dir);
    cache.save('assets', at('Horror'), { a: 1 });
    symlinkSync(elsewhere.path, join(dir, 'assets_us_comedy_netflix.json'));
    expect(cache.list().files.map((file) => file.filename)).toEqual(['assets_us_horror_netflix.json']);
    expect(cache.stats()).toMatchObject({ total_files: 1, foreign_files: 1 });
    const report = await cache.verify({ fix: true });
    expect(report.foreign_files).toEqual([
      { file: 'assets_us_comedy_netflix.json', bytes: expect.any(Number), detail: 'a symbolic link' },
    ]);
    expect(report.corrupt_entries).toEqual([]);
    expect(existsSync(elsewhere.path)).toBe(true);
  });
});
