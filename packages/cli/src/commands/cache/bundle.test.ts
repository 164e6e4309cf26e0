import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { ListResult } from '@streamgank/cache';
import type { ExportReport, ImportReport } from '@streamgank/cache/bundles';
import { describe, expect, it } from 'vitest';
import { formatBytes } from '../../format.js';
import { parseJsonOutput, runCli, type CliResult } from '../../test-support/run-cli.js';
import { FR_HORREUR, seedMixedCache, testCache, US_HORROR } from '../../test-support/seed-cache.js';
import { readTarGz, writeTarGz, type TarMember } from '../../test-support/tar.js';
import { tempDir } from '@streamgank/testing';

/** What `cache list --json` says about each entry, minus its path (which names the directory). */
function listed(result: CliResult): Record<string, unknown>[] {
  expect(result.code, result.stderr).toBe(0);
  return parseJsonOutput<ListResult>(result).files.map(({ path: _path, ...entry }) => entry);
}

const list = async (dir: string) => listed(await runCli(['--cache-dir', dir, 'cache', 'list', '--json'], { cwd: dir }));

/** A mixed cache and a bundle of all of it. */
async function exported(): Promise<{ source: string; bundle: string; work: string }> {
  const work = tempDir();
  const source = join(work, 'source');
  mkdirSync(source);
  await seedMixedCache(source);
  const bundle = join(work, 'all.tar.gz');
  const result = await runCli(['--cache-dir', source, 'cache', 'export', bundle], { cwd: work });
  expect(result.code, result.stderr).toBe(0);
  return { source, bundle, work };
}

const lastLine = (text: string) => text.trim().split('\n').at(-1) ?? '';

describe('streamgank cache export and import', () => {
  it('moves every entry and its media to another cache: `cache list --json` is the same there', async () => {
    const work = tempDir();
    const source = join(work, 'source');
    mkdirSync(source);
    const seeded = await seedMixedCache(source);
    const bundle = join(work, 'out', 'all.tar.gz');

    const exporting = await runCli(['--cache-dir', source, 'cache', 'export', bundle], { cwd: work });
    expect(exporting.code, exporting.stderr).toBe(0);
    expect(exporting.stdout).toContain(`  ${seeded.files.assets}\n`);
    expect(lastLine(exporting.stdout)).toBe(
      `Wrote 4 entries and 1 media blob (${formatBytes(seeded.posterBytes.length)}) to ${bundle}: ${formatBytes(statSync(bundle).size)}.`,
    );
    expect(statSync(bundle).isFile()).toBe(true);

    const target = join(work, 'target');
    const importing = await runCli(['--cache-dir', target, 'cache', 'import', bundle], { cwd: work });
    expect(importing.code, importing.stderr).toBe(0);
    expect(importing.stderr).toBe('');
    expect(importing.stdout).toContain(`  added    ${seeded.files.script}\n`);
    expect(lastLine(importing.stdout)).toBe(
      `Imported 4 entries from ${bundle} into ${target} (4 new, 0 replacing older local ones) and 1 media blob; 0 skipped, 0 refused.`,
    );
    expect(await list(target)).toEqual(await list(source));

    const restored = join(work, 'poster.png');
    await testCache(target).restoreBlob(seeded.poster.sha256, restored);
    expect(readFileSync(restored).equals(seeded.posterBytes)).toBe(true);

    // A second import finds every entry already there: nothing to do, and nothing wrong.
    const again = await runCli(['--cache-dir', target, 'cache', 'import', bundle], { cwd: work });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain(`  skipped  ${seeded.files.script}: identical to the local entry`);
    expect(lastLine(again.stdout)).toContain('Imported 0 entries');
  });

  it('exports only what the filters select, and prints the report with --json', async () => {
    const work = tempDir();
    const source = join(work, 'source');
    mkdirSync(source);
    const seeded = await seedMixedCache(source);
    const bundle = join(work, 'us-scripts.tar.gz');
    const result = await runCli(
      ['--cache-dir', source, 'cache', 'export', bundle, '--type', 'scripts', '--country', 'us', '--json'],
      { cwd: work },
    );
    expect(result.code, result.stderr).toBe(0);
    const report = parseJsonOutput<ExportReport>(result);
    expect(report).toEqual({
      file: bundle,
      entries: [seeded.files.script],
      blob_count: 0,
      blob_bytes: 0,
      archive_bytes: statSync(bundle).size,
      skipped: [],
    });

    const byGenre = parseJsonOutput<ExportReport>(
      await runCli(
        ['--cache-dir', source, 'cache', 'export', join(work, 'fr.tar.gz'), '--genre', FR_HORREUR.genre, '--json'],
        { cwd: work },
      ),
    );
    expect(byGenre.entries).toEqual([seeded.files.catalog]);
  });

  it('warns when nothing matches, and still writes an (empty) bundle', async () => {
    const work = tempDir();
    const result = await runCli(
      ['--cache-dir', join(work, 'empty'), 'cache', 'export', join(work, 'none.tar.gz'), '--country', 'DE'],
      { cwd: work },
    );
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('warning: no cached entries match country DE in');
    expect(lastLine(result.stdout)).toMatch(/^Wrote 0 entries and 0 media blobs \(0 B\) to /);
  });

  it('says what it left out of an export: an entry whose media blob is gone', async () => {
    const work = tempDir();
    const source = join(work, 'source');
    mkdirSync(source);
    const cache = testCache(source);
    const blob = await cache.putBlob(Readable.from([Buffer.from('clip bytes')]), 'video/mp4');
    cache.save('assets', US_HORROR, { clips: [blob.sha256] }, { blobs: [blob] });
    cache.save('script_result', US_HORROR, { scripts: ['one'] });
    const blobFile = join(source, 'blobs', 'sha256', blob.sha256.slice(0, 2), blob.sha256);
    expect(existsSync(blobFile)).toBe(true);
    writeFileSync(blobFile, '');
    const result = await runCli(['--cache-dir', source, 'cache', 'export', join(work, 'b.tar.gz')], { cwd: work });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(
      `  left out assets_us_horror_netflix.json: its blob sha256:${blob.sha256} is missing from the cache`,
    );
    expect(result.stdout).toContain('Wrote 1 entry and 0 media blobs');
    expect(lastLine(result.stdout)).toBe(
      "Left out 1 matching entry (the reasons are above); 'streamgank cache verify --fix' redacts secrets and sets damaged entries aside.",
    );
  });
});

describe('streamgank cache import of a bad file', () => {
  it('refuses links and paths outside the cache (exit 1), imports the rest, and writes nothing outside', async () => {
    const { source, bundle, work } = await exported();
    const members = await readTarGz(bundle);
    const hostile: TarMember[] = [
      ...members,
      { path: '../escaped.json', body: Buffer.from('{"evil":true}') },
      { path: '/tmp/streamgank-absolute-escape.json', body: Buffer.from('{}') },
      { path: 'entries/script_result_us_comedy_netflix.json', type: 'symlink', linkpath: '/etc/passwd' },
      { path: 'entries/\u001b[31mred.json', body: Buffer.from('{}') },
    ];
    const file = join(work, 'hostile.tar.gz');
    await writeTarGz(file, hostile);
    const target = join(work, 'nested', 'target');

    const result = await runCli(['--cache-dir', target, 'cache', 'import', file], { cwd: work });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/ {2}refused {2}"\.\.\/escaped\.json": .+/);
    expect(result.stdout).toMatch(/ {2}refused {2}"\/tmp\/streamgank-absolute-escape\.json": .+/);
    expect(result.stdout).toMatch(/ {2}refused {2}"entries\/script_result_us_comedy_netflix\.json": .*link/);
    // A name from someone else's archive never reaches the terminal raw.
    expect(result.stdout).not.toContain('\u001b');
    expect(result.stdout).toContain('\\u001b[31mred.json');
    const errorLines = result.stderr.trim().split('\n');
    expect(errorLines).toHaveLength(1);
    expect(errorLines[0]).toMatch(
      /^streamgank: error: .*hostile\.tar\.gz: 4 archive members were refused; what was whole was imported \(4 entries\)/,
    );

    expect(await list(target)).toEqual(await list(source));
    expect(existsSync(join(work, 'nested', 'escaped.json'))).toBe(false);
    expect(existsSync(join(work, 'escaped.json'))).toBe(false);
    expect(existsSync('/tmp/streamgank-absolute-escape.json')).toBe(false);
    expect(
      readdirSync(target)
        .filter((name) => name.endsWith('.json'))
        .sort(),
    ).toEqual((await list(source)).map((entry) => entry['filename']).sort());
  });

  it('prints the import report with --json, and still exits 1 when members were refused', async () => {
    const { bundle, work } = await exported();
    const file = join(work, 'extra.tar.gz');
    await writeTarGz(file, [...(await readTarGz(bundle)), { path: 'notes.txt', body: Buffer.from('hello') }]);
    const result = await runCli(['--cache-dir', join(work, 'target'), 'cache', 'import', file, '--json'], {
      cwd: work,
    });
    expect(result.code).toBe(1);
    const report = parseJsonOutput<ImportReport>(result);
    expect(report.added).toHaveLength(4);
    expect(report.refused).toEqual([{ path: 'notes.txt', reason: expect.any(String) as string }]);
    expect(lastLine(result.stderr)).toContain('1 archive member was refused');
  });

  it('imports the whole part of a truncated archive and exits 1, saying it is damaged', async () => {
    const work = tempDir();
    const source = join(work, 'source');
    const cache = testCache(source);
    cache.save('script_result', US_HORROR, { scripts: ['one'] });
    cache.save('catalog', US_HORROR, { titles: ['Nope'] });
    // Random bytes do not compress: cutting the archive in half cuts into this blob, after the entries.
    const clip = await cache.putBlob(Readable.from([randomBytes(256 * 1024)]), 'video/mp4');
    cache.save('assets', US_HORROR, { clips: [clip.sha256] }, { blobs: [clip] });
    const bundle = join(work, 'all.tar.gz');
    expect((await runCli(['--cache-dir', source, 'cache', 'export', bundle], { cwd: work })).code).toBe(0);
    const bytes = readFileSync(bundle);
    const cut = join(work, 'cut.tar.gz');
    writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));

    const target = join(work, 'target');
    const result = await runCli(['--cache-dir', target, 'cache', 'import', cut], { cwd: work });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/ {2}damaged: .+/);
    expect(result.stdout).toMatch(/ {2}skipped {2}assets_us_horror_netflix\.json: .*(missing|damaged|truncated)/);
    expect(lastLine(result.stderr)).toMatch(
      /^streamgank: error: .*cut\.tar\.gz: the archive is damaged \(.+\).*what was whole was imported \(2 entries\)/,
    );
    const imported = await list(target);
    expect(imported.map((entry) => entry['filename']).sort()).toEqual([
      'catalog_us_horror_netflix.json',
      'script_result_us_horror_netflix.json',
    ]);
  });

  it('exits 2 with one line for a file that is not a bundle, or not there, and changes nothing', async () => {
    const work = tempDir();
    const target = join(work, 'target');
    const text = join(work, 'notes.tar.gz');
    writeFileSync(text, 'these are not the bundles you are looking for\n');
    const notABundle = await runCli(['--cache-dir', target, 'cache', 'import', text], { cwd: work });
    expect(notABundle.code).toBe(2);
    expect(notABundle.stdout).toBe('');
    expect(notABundle.stderr).toMatch(
      /^streamgank: error: \S*notes\.tar\.gz is not a usable StreamGank cache bundle: .+ Make one with `streamgank cache export <file\.tar\.gz>`\.\n$/,
    );

    const noManifest = join(work, 'no-manifest.tar.gz');
    await writeTarGz(noManifest, [{ path: 'entries/script_result_us_horror_netflix.json', body: Buffer.from('{}') }]);
    const withoutManifest = await runCli(['--cache-dir', target, 'cache', 'import', noManifest], { cwd: work });
    expect(withoutManifest.code).toBe(2);
    expect(withoutManifest.stderr).toMatch(
      /^streamgank: error: \S*no-manifest\.tar\.gz is not a usable StreamGank cache bundle: .*manifest/,
    );

    const missing = await runCli(['--cache-dir', target, 'cache', 'import', join(work, 'missing.tar.gz')], {
      cwd: work,
    });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(
      `streamgank: error: ${join(work, 'missing.tar.gz')} is not a usable StreamGank cache bundle: there is no such file. Make one with \`streamgank cache export <file.tar.gz>\`.\n`,
    );
    expect(existsSync(target) ? readdirSync(target).filter((name) => name.endsWith('.json')) : []).toEqual([]);
  });

  it('needs a file name: exit 2 naming the missing argument', async () => {
    const work = tempDir();
    for (const command of ['export', 'import']) {
      const result = await runCli(['cache', command], { cwd: work });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain("missing required argument 'file.tar.gz'");
    }
  });
});
