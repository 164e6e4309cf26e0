import { existsSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCache, silentLogger } from '../index.js';
import { tempDir, writePythonEntry } from '@streamgank/testing';

const at = (genre: string) => ({ country: 'US', genre, platform: 'Netflix' });

/** Make the directory look untouched for a while, so the index may trust it without a listing. */
function settle(dir: string) {
  const past = new Date(Date.now() - 60_000);
  utimesSync(dir, past, past);
}

describe('the index behind list and stats', () => {
  // 1,200 saves: seconds here, and many more on a loaded CI machine.
  it(
    'lists the same from its snapshot as from its journal, for every kind of entry',
    { timeout: 120_000 },
    async () => {
      const dir = tempDir();
      const cache = createCache({ dir, logger: silentLogger, env: {}, durable: false });
      const source = join(tempDir(), 'poster.png');
      writeFileSync(source, 'poster bytes');
      await cache.getOrCreate('assets', at('Horror'), async (ctx) => {
        ctx.setProducer('ffmpeg');
        ctx.addUsage({ frames: 3 }, 0.25);
        return { poster: (await ctx.putBlob(source, 'image/png')).sha256 };
      });
      cache.save(
        'script_result',
        at('Comedy'),
        { a: 1 },
        { inputs: { num_movies: 3 }, producer: 'local-writer', produceMs: 1234 },
      );
      expect(cache.load('script_result', at('Comedy'), { inputs: { num_movies: 5 } }).status).toBe('stale');
      writeFileSync(join(dir, 'assets_fr_horreur_netflix.json'), '{"data": ');
      writePythonEntry(dir, 'script_result_de_drama_netflix.json', {
        dataType: 'script_result',
        parameters: { country: 'DE', genre: 'Drama', platform: 'Netflix' },
        data: { legacy: true },
      });
      const fromJournal = cache.list();
      expect(fromJournal.files.map((file) => file.status).sort()).toEqual(['corrupt', 'legacy', 'ok', 'stale']);

      // Enough writes to fold the journal into the snapshot (past 256 KB), then remove them again.
      for (let i = 0; i < 1200; i += 1) cache.save('filler', at(`Filler${i}`), { i });
      expect(existsSync(join(dir, '.streamgank', 'index.json'))).toBe(true);
      expect(cache.clear({ dataType: 'filler' }).removed).toHaveLength(1200);
      settle(dir);
      cache.list(); // reconciles with the directory once, folding the journal into the snapshot
      expect(existsSync(join(dir, '.streamgank', 'index.jsonl'))).toBe(false);
      expect(cache.list()).toEqual(fromJournal);
      expect(cache.list({ status: 'stale' }).files.map((file) => file.filename)).toEqual([
        'script_result_us_comedy_netflix.json',
      ]);
      expect(cache.stats().statuses).toEqual({ ok: 1, legacy: 1, stale: 1, edited: 0, corrupt: 1 });
    },
  );

  it('keeps names in any script through its snapshot, whose header it writes as ASCII', { timeout: 120_000 }, () => {
    const dir = tempDir();
    const cache = createCache({ dir, logger: silentLogger, env: {}, durable: false });
    const genres = ['Épouvante-Horreur', 'ホラー', 'Comédie 🎃', 'Kömödie \u2028 "quoted"'];
    for (const genre of genres) cache.save('script_result', at(genre), { genre }, { producer: 'écrivain' });
    const fromJournal = cache.list();
    for (let i = 0; i < 1200; i += 1) cache.save('filler', at(`Filler${i}`), { i });
    cache.clear({ dataType: 'filler' });
    settle(dir);
    cache.list();
    expect(existsSync(join(dir, '.streamgank', 'index.jsonl'))).toBe(false);
    // The header is its line of text; the columns and names after it are bytes.
    const snapshot = readFileSync(join(dir, '.streamgank', 'index.json'), 'latin1');
    expect(snapshot.slice(0, snapshot.indexOf('\n'))).toMatch(/^[\x20-\x7e]+$/);
    expect(snapshot.slice(0, snapshot.indexOf('\n'))).toContain('\\u30db');
    const fresh = createCache({ dir, logger: silentLogger, env: {}, durable: false }).list();
    expect(fresh).toEqual(fromJournal);
    expect(fresh.files.map((file) => file.parameters.genre).sort()).toEqual([...genres].sort());
    expect(new Set(fresh.files.map((file) => file.producer))).toEqual(new Set(['écrivain']));
  });

  it('trusts an unchanged directory, and still lists every entry', () => {
    const dir = tempDir();
    const cache = createCache({ dir, logger: silentLogger, env: {} });
    for (const genre of ['Horror', 'Comedy', 'Drama']) cache.save('assets', at(genre), { genre });
    settle(dir);
    expect(cache.list().total_count).toBe(3);
    expect(cache.stats().total_files).toBe(3);
    expect(cache.list().total_count).toBe(3);
  });

  it('trusts a directory changed a moment ago only where its times are finer than the wait', () => {
    // A file edited in place leaves the directory's time as it was: a listing that trusts the
    // index still shows the old size, one that checks the directory shows the new one.
    const trusted = (directorySeconds: number) => {
      const dir = tempDir();
      const cache = createCache({ dir, logger: silentLogger, env: {} });
      const path = cache.save('assets', at('Horror'), { a: 1 }).path;
      utimesSync(dir, directorySeconds, directorySeconds);
      cache.list();
      writeFileSync(path, `${readFileSync(path, 'utf8')}\n`);
      return cache.list().files[0]?.size_bytes !== statSync(path).size;
    };
    const wholeSecond = Math.floor(Date.now() / 1000) - 1;
    // A second or two ago, with a fraction: a later change is sure to show as a later time.
    expect(trusted(wholeSecond + 0.123)).toBe(true);
    // The same age on a file system that keeps whole seconds only: a change in the same second
    // could hide behind the same time, so the directory is checked again.
    expect(trusted(wholeSecond)).toBe(false);
    // A time in the future (another machine's clock) is never trusted.
    expect(trusted(wholeSecond + 60.5)).toBe(false);
  });

  it('notices a lost or damaged index even when the directory has not changed', () => {
    const dir = tempDir();
    const cache = createCache({ dir, logger: silentLogger, env: {} });
    for (let i = 0; i < 20; i += 1) cache.save('assets', at(`Genre${i}`), { i });
    settle(dir);
    expect(cache.list().total_count).toBe(20);
    rmSync(join(dir, '.streamgank', 'index.jsonl'), { force: true });
    writeFileSync(join(dir, '.streamgank', 'index.json'), '{"format": 3, "file": [');
    expect(cache.stats().total_files).toBe(20);
    expect(
      cache
        .list()
        .files.map((file) => file.parameters.genre)
        .sort(),
    ).toHaveLength(20);
  });

  it('reads the files again when the snapshot\u2019s row details are damaged, and still sees an entry replaced by rename', () => {
    const dir = tempDir();
    const cache = createCache({ dir, logger: silentLogger, env: {}, durable: false });
    for (let i = 0; i < 40; i += 1) cache.save('assets', at(`Genre${i}`), { i });
    for (let i = 0; i < 1200; i += 1) cache.save('filler', at(`Filler${i}`), { i });
    cache.clear({ dataType: 'filler' });
    settle(dir);
    const before = cache.list();
    const snapshot = join(dir, '.streamgank', 'index.json');
    expect(existsSync(join(dir, '.streamgank', 'index.jsonl'))).toBe(false);
    // One byte of the numeric columns (a file's identity, say) is damaged: the digest no longer
    // matches, so the snapshot is not used and the files are read again.
    const bytes = readFileSync(snapshot);
    const damaged = bytes.indexOf(0x0a) + 40;
    bytes[damaged] = (bytes[damaged] as number) ^ 0xff;
    writeFileSync(snapshot, bytes);
    expect(createCache({ dir, logger: silentLogger, env: {} }).list()).toEqual(before);

    // Another machine's version renamed over one entry: seen with its real size and content.
    const other = createCache({ dir: tempDir(), logger: silentLogger, env: {} });
    const replacement = other.save('assets', at('Genre7'), { i: 7, from: 'elsewhere' });
    renameSync(replacement.path, join(dir, 'assets_us_genre7_netflix.json'));
    const fresh = createCache({ dir, logger: silentLogger, env: {} });
    expect(fresh.list().total_count).toBe(40);
    expect(fresh.load('assets', at('Genre7'))).toMatchObject({ status: 'hit', data: { i: 7, from: 'elsewhere' } });
    const listed = fresh.list().files.find((file) => file.filename === 'assets_us_genre7_netflix.json');
    expect(listed?.size_bytes).toBe(statSync(join(dir, 'assets_us_genre7_netflix.json')).size);
  }, 120_000);

  it('sees files added or removed by hand', () => {
    const dir = tempDir();
    const cache = createCache({ dir, logger: silentLogger, env: {} });
    cache.save('assets', at('Horror'), { a: 1 });
    cache.save('assets', at('Comedy'), { a: 2 });
    settle(dir);
    expect(cache.list().total_count).toBe(2);
    rmSync(join(dir, 'assets_us_comedy_netflix.json'));
    expect(cache.list().files.map((file) => file.filename)).toEqual(['assets_us_horror_netflix.json']);
    writePythonEntry(dir, 'script_result_fr_drame_netflix.json', {
      dataType: 'script_result',
      parameters: { country: 'FR', genre: 'Drame', platform: 'Netflix' },
      data: { hand: true },
    });
    expect(cache.stats()).toMatchObject({ total_files: 2, statuses: { ok: 1, legacy: 1, stale: 0, corrupt: 0 } });
  });
});
