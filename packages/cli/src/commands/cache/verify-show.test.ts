import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { InspectedEntry, VerifyReport } from '@streamgank/cache';
import { describe, expect, it } from 'vitest';
import { parseJsonOutput, runCli } from '../../test-support/run-cli.js';
import { seedEntries, writeLegacyEntry } from '../../test-support/seed-cache.js';
import { tempDir } from '@streamgank/testing';

describe('streamgank cache verify', () => {
  it('reports a healthy cache with exit 0', async () => {
    const dir = tempDir();
    seedEntries(dir);
    writeLegacyEntry(dir);
    const result = await runCli(['--cache-dir', dir, 'cache', 'verify', '--json'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(parseJsonOutput<VerifyReport>(result)).toMatchObject({
      checked_entries: 4,
      ok_entries: 4,
      legacy_entries: 1,
      healthy: true,
    });
  });

  it('exits 1 while problems remain, and 0 once --fix has mended them', async () => {
    const dir = tempDir();
    seedEntries(dir);
    writeFileSync(join(dir, 'assets_us_horror_netflix.json'), '{"data": {"posters": [');

    const found = await runCli(['--cache-dir', dir, 'cache', 'verify'], { cwd: dir });
    expect(found.code).toBe(1);
    expect(found.stdout).toContain('corrupt entry assets_us_horror_netflix.json: not_json');
    expect(found.stderr.trim()).toBe(
      `streamgank: error: 1 problem found in ${dir}: run 'streamgank cache verify --fix' to fix it.`,
    );
    expect(existsSync(join(dir, 'assets_us_horror_netflix.json'))).toBe(true);

    const fixed = await runCli(['--cache-dir', dir, 'cache', 'verify', '--fix', '--json'], { cwd: dir });
    expect(fixed.code).toBe(0);
    const report = parseJsonOutput<VerifyReport>(fixed);
    expect(report.fixed).toBe(true);
    expect(report.corrupt_entries[0]?.quarantined_to).toContain('.quarantine');
    expect(existsSync(join(dir, 'assets_us_horror_netflix.json'))).toBe(false);
    expect(readdirSync(join(dir, '.quarantine'))).toHaveLength(1);

    const after = await runCli(['--cache-dir', dir, 'cache', 'verify'], { cwd: dir });
    expect(after.code).toBe(0);
    expect(after.stdout).toContain('The cache is healthy.');
  });
});

describe('streamgank cache show', () => {
  it('shows one entry by file name as JSON: metadata and data', async () => {
    const dir = tempDir();
    seedEntries(dir);
    const result = await runCli(
      ['--cache-dir', dir, 'cache', 'show', 'script_result_us_horror_netflix.json', '--json'],
      { cwd: dir },
    );
    expect(result.code).toBe(0);
    const entry = parseJsonOutput<InspectedEntry>(result);
    expect(entry).toMatchObject({
      file: 'script_result_us_horror_netflix.json',
      status: 'ok',
      data: { scripts: ['one', 'two', 'three'] },
      metadata: {
        data_type: 'script_result',
        parameters: { country: 'US', genre: 'Horror', platform: 'Netflix' },
        producer: 'local-writer',
      },
    });
  });

  it('finds the entry from --type (friendly names too) and the three parameters', async () => {
    const dir = tempDir();
    seedEntries(dir);
    const args = [
      '--cache-dir',
      dir,
      'cache',
      'show',
      '--type',
      'scripts',
      '--country',
      'FR',
      '--genre',
      'Horreur',
      '--platform',
      'Netflix',
    ];
    const result = await runCli(args, { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Entry:      ${join(dir, 'script_result_fr_horreur_netflix.json')}`);
    expect(result.stdout).toContain('Data type:  script_result');
    expect(result.stdout).toContain('Parameters: FR / Horreur / Netflix');
    expect(result.stdout).toContain('"un"');
  });

  it('needs all of the parameters when no file is named (exit 2)', async () => {
    const dir = tempDir();
    const result = await runCli(['--cache-dir', dir, 'cache', 'show', '--type', 'assets', '--country', 'US'], {
      cwd: dir,
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('(missing --genre, --platform)');
  });

  it('refuses a name that cannot be an entry, and reports one that is not cached', async () => {
    const dir = tempDir();
    seedEntries(dir);
    const outside = await runCli(['--cache-dir', dir, 'cache', 'show', '../../etc/passwd'], { cwd: dir });
    expect(outside.code).toBe(2);
    expect(outside.stderr).toContain('is not in the cache directory');
    const missing = await runCli(['--cache-dir', dir, 'cache', 'show', 'assets_fr_horreur_netflix.json'], { cwd: dir });
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toBe(
      `streamgank: error: There is no entry assets_fr_horreur_netflix.json in ${dir}: 'streamgank cache list' shows what is cached.`,
    );
  });
});
