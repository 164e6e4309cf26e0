import { readFileSync, readdirSync, truncateSync, utimesSync, writeFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCache, type CacheLogger } from '../index.js';
import { exportBundle } from '../bundles.js';
import { tempDir } from '@streamgank/testing';

const params = { country: 'US', genre: 'Horror', platform: 'Netflix' };
const file = 'script_result_us_horror_netflix.json';

function setup() {
  const dir = tempDir();
  const warnings: string[] = [];
  const logger: CacheLogger = { warn: (line) => warnings.push(line), info: () => {} };
  const cache = createCache({ dir, logger, env: {} });
  cache.save('script_result', params, { combined_script: 'A hook. A line.', script_count: 3 });
  return { dir, cache, warnings, path: join(dir, file) };
}

const damages: [string, (path: string) => void, string][] = [
  ['truncated', (path) => truncateSync(path, Math.floor(readFileSync(path).length / 2)), 'not_json'],
  ['empty', (path) => writeFileSync(path, ''), 'not_json'],
  ['not JSON', (path) => writeFileSync(path, 'this is not json'), 'not_json'],
  ['binary garbage', (path) => writeFileSync(path, Buffer.from([0xff, 0xfe, 0x00, 0x01])), 'not_json'],
  ['JSON of the wrong shape', (path) => writeFileSync(path, JSON.stringify({ data: 1 })), 'schema'],
  ['a JSON array', (path) => writeFileSync(path, '[1,2,3]'), 'schema'],
  [
    'metadata without its checksum',
    (path) => {
      const entry = JSON.parse(readFileSync(path, 'utf8'));
      delete entry.metadata.data_sha256;
      writeFileSync(path, JSON.stringify(entry));
    },
    'schema',
  ],
];

describe('a damaged entry', () => {
  it.each(damages)('that is %s is a miss, reported and moved to .quarantine/', async (_label, damage, reason) => {
    const { dir, cache, warnings, path } = setup();
    damage(path);
    const before = readFileSync(path);

    expect(cache.load('script_result', params)).toMatchObject({ status: 'corrupt' });
    expect(readdirSync(dir)).not.toContain(file);
    const quarantined = readdirSync(join(dir, '.quarantine'));
    expect(quarantined).toHaveLength(1);
    expect(quarantined[0]).toMatch(new RegExp(`^${file.replace('.', '\\.')}\\..*\\.${reason}$`));
    expect(readFileSync(join(dir, '.quarantine', quarantined[0] as string))).toEqual(before);
    expect(warnings.join('\n')).toContain(`${file} is corrupt (${reason}`);

    const produced = await cache.getOrCreate('script_result', params, () => ({
      combined_script: 'fresh',
      script_count: 3,
    }));
    expect(produced).toMatchObject({ source: 'produced', reason: 'miss', saved: true });
    expect(cache.stats()).toMatchObject({ corrupt_reads: 1, quarantined_files: 1 });
  });

  it('still loads when only its layout changed (re-indented, CRLF line ends)', () => {
    const { cache, path } = setup();
    const entry = JSON.parse(readFileSync(path, 'utf8'));
    writeFileSync(path, JSON.stringify(entry, null, 4).replace(/\n/g, '\r\n'));
    expect(cache.load('script_result', params)).toMatchObject({ status: 'hit', data: { script_count: 3 } });
    writeFileSync(path, JSON.stringify(entry));
    expect(cache.load('script_result', params)).toMatchObject({ status: 'hit' });
  });

  it('that refers to a missing blob is a miss and is quarantined', async () => {
    const { dir, cache } = setup();
    const source = join(tempDir(), 'poster.png');
    writeFileSync(source, Buffer.from('not really a png, but bytes'));
    await cache.getOrCreate('assets', params, async (ctx) => ({
      poster: (await ctx.putBlob(source, 'image/png')).sha256,
    }));
    const blobs = join(dir, 'blobs', 'sha256');
    const [fan] = readdirSync(blobs);
    const [blob] = readdirSync(join(blobs, fan as string));
    unlinkSync(join(blobs, fan as string, blob as string));
    expect(cache.load('assets', params)).toMatchObject({
      status: 'corrupt',
      reasons: [expect.stringMatching(/^missing_blob/)],
    });
    expect(readdirSync(join(dir, '.quarantine')).some((name) => name.endsWith('.missing_blob'))).toBe(true);
  });

  it('is listed as corrupt, not served, and not moved by a listing', () => {
    const { dir, cache, path } = setup();
    writeFileSync(join(dir, 'assets_fr_horreur_netflix.json'), '{"data": {');
    const listed = cache.list();
    expect(listed.files.find((entry) => entry.filename === 'assets_fr_horreur_netflix.json')?.status).toBe('corrupt');
    expect(readdirSync(dir)).toContain('assets_fr_horreur_netflix.json');
    expect(readFileSync(path, 'utf8')).toContain('A hook. A line.');
  });
});

describe('an entry edited by hand (valid JSON, valid shape, data no longer matching data_sha256)', () => {
  it('is seen as edited on the next load even when the same unchanged file was read many times before', () => {
    const { cache, path } = setup();
    // Old enough to be remembered as checked; every load of it unchanged is a plain hit.
    const written = new Date(Date.now() - 60_000);
    utimesSync(path, written, written);
    for (let i = 0; i < 3; i += 1) expect(cache.load('script_result', params)).toMatchObject({ edited: false });

    // Edited in place to the very same size: only the modification time tells.
    writeFileSync(path, readFileSync(path, 'utf8').replace('A hook. A line.', 'A hook. B line.'));
    expect(cache.load('script_result', params)).toMatchObject({
      status: 'hit',
      edited: true,
      data: { combined_script: 'A hook. B line.' },
    });
    // And a fresh cache, which remembers nothing, agrees.
    expect(
      createCache({ dir: join(path, '..'), env: {}, logger: { warn() {}, info() {} } }).load('script_result', params),
    ).toMatchObject({ edited: true });
  });

  it('is served as edited, said once, listed and verified as edited, and never leaves the machine', async () => {
    const { dir, cache, warnings, path } = setup();
    const settled = new Date(Date.now() - 60_000);
    writeFileSync(path, readFileSync(path, 'utf8').replace('A hook. A line.', 'A hook. A better line.'));
    utimesSync(dir, settled, settled);

    const first = cache.load('script_result', params);
    expect(first).toMatchObject({ status: 'hit', edited: true, data: { combined_script: 'A hook. A better line.' } });
    expect(cache.load('script_result', params)).toMatchObject({ status: 'hit', edited: true });
    expect(warnings.filter((line) => line.includes('edited by hand'))).toHaveLength(1);
    expect(readdirSync(dir)).toContain(file);

    expect(cache.list().files).toMatchObject([{ filename: file, status: 'edited' }]);
    expect(cache.stats().statuses).toMatchObject({ edited: 1, ok: 0 });
    expect(cache.inspect(file)).toMatchObject({ status: 'edited' });
    const report = await cache.verify();
    expect(report.edited_entries).toEqual([{ file }]);
    expect(report.corrupt_entries).toEqual([]);

    const bundle = join(tempDir(), 'out.tar.gz');
    const exported = await exportBundle(cache, bundle);
    expect(exported.entries).toEqual([]);
    expect(exported.skipped).toMatchObject([{ file, reason: expect.stringContaining('edited by hand') }]);

    // Producing it again replaces the edit, and keeps the edited file in the entry's history.
    const refreshed = await cache.getOrCreate(
      'script_result',
      params,
      () => ({ combined_script: 'new', script_count: 3 }),
      {
        mode: 'refresh',
      },
    );
    expect(refreshed).toMatchObject({ source: 'produced', saved: true });
    expect(cache.load('script_result', params)).toMatchObject({ status: 'hit', edited: false });
    const history = readdirSync(join(dir, 'history', file));
    expect(history).toHaveLength(1);
    expect(readFileSync(join(dir, 'history', file, history[0] as string), 'utf8')).toContain('A hook. A better line.');
  });
});
