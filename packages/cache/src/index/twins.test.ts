import { readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '@streamgank/testing';
import { describe, expect, it } from 'vitest';
import { createCache, silentLogger, type Cache } from '../index.js';

type Parameters = { country: string; genre: string; platform: string };

const open = (dir: string): Cache => createCache({ dir, logger: silentLogger, env: {}, durable: false });

/** The name the Python version gave a file: lower case, spaces to `_`, `&` to `and`, nothing else. */
function pythonName(dataType: string, p: Parameters): string {
  const segment = (value: string) => value.toLowerCase().replace(/&/g, 'and').replace(/\s+/g, '_');
  return `${dataType}_${segment(p.country)}_${segment(p.genre)}_${segment(p.platform)}.json`;
}

function writePython(dir: string, dataType: string, p: Parameters, savedAt: number): string {
  const file = pythonName(dataType, p);
  const metadata = { data_type: dataType, parameters: p, saved_timestamp: savedAt, saved_datetime: '' };
  writeFileSync(join(dir, file), JSON.stringify({ data: { from: file }, metadata }));
  return file;
}

/**
 * What the files say, read from scratch: the entry files grouped by the entry they hold (data type
 * and seed name), the newest of each group shown and the rest behind it.
 */
function oracle(dir: string, cache: Cache): { shown: Map<string, string[]>; files: number } {
  const groups = new Map<string, { file: string; saved: number }[]>();
  const files = readdirSync(dir).filter((name) => name.endsWith('.json'));
  for (const file of files) {
    const { metadata } = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    const key = `${metadata.data_type}\0${cache.fileName(metadata.data_type, metadata.parameters)}`;
    groups.set(key, [...(groups.get(key) ?? []), { file, saved: metadata.saved_timestamp }]);
  }
  const shown = new Map<string, string[]>();
  for (const group of groups.values()) {
    const [newest, ...rest] = group.sort((a, b) => b.saved - a.saved).map((twin) => twin.file);
    shown.set(newest as string, rest.sort());
  }
  return { shown, files: files.length };
}

function listed(cache: Cache): Map<string, string[]> {
  return new Map(cache.list().files.map((file) => [file.filename, [...(file.shadowed_files ?? [])].sort()]));
}

describe('two files holding one entry', () => {
  it('shows the newest of each pair whatever the names, as the files say, from the journal and from the snapshot', async () => {
    const dir = tempDir();
    const cache = open(dir);
    const genres = [
      'Comédie',
      'Action & Aventure',
      'Science Fiction',
      'Horror',
      'ホラー',
      'Krimi',
      'Épouvante-Horreur',
    ];
    const platforms = ['Netflix', 'Prime Video', 'Disney+'];
    const now = Date.now() / 1000;
    let seed = 7;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31) as number;
    for (let i = 0; i < 180; i += 1) {
      const p = { country: `C${i % 30}`, genre: genres[i % 7] as string, platform: platforms[i % 3] as string };
      const dataType = i % 2 ? 'assets' : 'script_result';
      const shape = Math.floor(random() * 3);
      if (shape !== 1) cache.save(dataType, p, { i });
      // The Python version's file for the same entry, spelled in another case, older or newer.
      const spelled = { ...p, genre: i % 4 ? p.genre.toUpperCase() : p.genre };
      if (shape !== 0) writePython(dir, dataType, spelled, now + (random() - 0.5) * 3600);
    }
    // Two data types whose parameters spell one seed name are two entries, not a pair.
    cache.save('script_result', { country: 'US', genre: 'Horror', platform: 'Netflix' }, { which: 1 });
    cache.save('script', { country: 'result', genre: 'us horror', platform: 'netflix' }, { which: 2 });

    const expected = oracle(dir, cache);
    expect([...expected.shown.values()].filter((twins) => twins.length > 0).length).toBeGreaterThan(30);
    expect(listed(cache)).toEqual(expected.shown);
    const hidden = expected.files - expected.shown.size;
    expect(cache.stats()).toMatchObject({ total_files: expected.shown.size, shadowed_files: hidden });

    // Once the directory has settled, from the snapshot alone, in a fresh process's cache.
    const past = new Date(Date.now() - 60_000);
    utimesSync(dir, past, past);
    cache.list();
    const fresh = open(dir);
    expect(listed(fresh)).toEqual(expected.shown);
    expect(fresh.stats()).toMatchObject({ total_files: expected.shown.size, shadowed_files: hidden });
    const pairs = [...expected.shown].flatMap(([shown, twins]) => twins.map((twin) => `${twin} behind ${shown}`));
    const report = await fresh.verify();
    expect(report.shadowed_files.map((twin) => `${twin.file} behind ${twin.shadowed_by}`).sort()).toEqual(pairs.sort());
  });

  it('finds a pair made by a few files added after a snapshot that had none', () => {
    const dir = tempDir();
    const cache = open(dir);
    const genres = ['Comédie', 'Action & Aventure', 'Horror', 'ホラー'];
    const at = (i: number) => ({ country: `C${i}`, genre: genres[i % 4] as string, platform: 'Prime Video' });
    for (let i = 0; i < 160; i += 1) cache.save(i % 2 ? 'assets' : 'script_result', at(i), { i });
    const past = new Date(Date.now() - 60_000);
    utimesSync(dir, past, past);
    cache.list(); // folds the journal into a snapshot of 160 entries, no two holding one
    expect(readdirSync(join(dir, '.streamgank'))).not.toContain('index.jsonl');

    // Another hand brings the Python version's files: two for entries the cache holds (one newer,
    // one older than the entry), one for an entry it does not.
    const now = Date.now() / 1000;
    writePython(dir, 'script_result', { ...at(4), genre: 'COMÉDIE' }, now + 60);
    writePython(dir, 'assets', at(7), now - 3600);
    writePython(dir, 'assets', { ...at(11), country: 'ZZ' }, now);
    const expected = oracle(dir, cache);
    expect([...expected.shown.values()].filter((twins) => twins.length > 0)).toHaveLength(2);
    expect(listed(cache)).toEqual(expected.shown);
    expect(cache.stats()).toMatchObject({ total_files: 161, shadowed_files: 2 });
    expect(listed(open(dir))).toEqual(expected.shown);
  });
});
