import { readdirSync } from 'node:fs';
import type { RemovalResult } from '@streamgank/cache';
import { describe, expect, it } from 'vitest';
import { parseJsonOutput, runCli } from '../../test-support/run-cli.js';
import { seedEntries, seedMixedCache, testCache, writeLegacyEntry } from '../../test-support/seed-cache.js';
import { ageBlobs, tempDir } from '@streamgank/testing';

const entryFiles = (dir: string) =>
  readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort();

describe('streamgank cache clear', () => {
  it('refuses to clear everything without --yes when stdin is not a terminal (exit 2), removing nothing', async () => {
    const dir = tempDir();
    seedEntries(dir);
    const result = await runCli(['--cache-dir', dir, 'cache', 'clear'], { cwd: dir, input: 'y\n' });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('pass --yes to confirm');
    expect(entryFiles(dir)).toHaveLength(3);
  });

  it('clears everything with --yes', async () => {
    const dir = tempDir();
    seedEntries(dir);
    const result = await runCli(['--cache-dir', dir, 'cache', 'clear', '--yes'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Removed 3 entries from ${dir}`);
    expect(entryFiles(dir)).toEqual([]);
  });

  it('keeps a media blob used in the last minutes and says when it will go; once older, a clear frees it', async () => {
    const dir = tempDir();
    const { files } = await seedMixedCache(dir);
    const young = await runCli(['--cache-dir', dir, 'cache', 'clear', '--type', 'assets', '--genre', 'Horror'], {
      cwd: dir,
    });
    expect(young.code).toBe(0);
    expect(young.stdout).toContain(`Removed 1 entry from ${dir}`);
    expect(young.stdout).toContain('Kept 1 media blob stored or used in the last 10 min 0 s');
    expect(young.stdout).toContain("'streamgank cache verify --fix' after that removes it");

    await seedMixedCache(dir);
    ageBlobs(dir, 3_600_000);
    const old = await runCli(
      ['--cache-dir', dir, 'cache', 'clear', '--type', 'assets', '--genre', 'Horror', '--json'],
      { cwd: dir },
    );
    expect(parseJsonOutput<RemovalResult>(old)).toMatchObject({ removed: [files.assets], kept_blobs: [] });
    expect(parseJsonOutput<RemovalResult>(old).removed_blobs).toHaveLength(1);
  });

  it('clears only what the filters select, without asking', async () => {
    const dir = tempDir();
    seedEntries(dir);
    const result = await runCli(
      ['--cache-dir', dir, 'cache', 'clear', '--type', 'script_result', '--country', 'US', '--json'],
      { cwd: dir },
    );
    expect(result.code).toBe(0);
    const removal = parseJsonOutput<RemovalResult>(result);
    expect(removal).toEqual({
      removed: ['script_result_us_horror_netflix.json'],
      removed_blobs: [],
      removed_versions: 0,
      kept_blobs: [],
      skipped_pinned: [],
      freed_bytes: expect.any(Number),
      dry_run: false,
    });
    expect(entryFiles(dir)).toEqual(['assets_us_horror_netflix.json', 'script_result_fr_horreur_netflix.json']);
  });

  it('shows what a dry run would remove, removes nothing, and needs no confirmation', async () => {
    const dir = tempDir();
    seedEntries(dir);
    const result = await runCli(['--cache-dir', dir, 'cache', 'clear', '--dry-run'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('  script_result_fr_horreur_netflix.json');
    expect(result.stdout).toContain('Would remove 3 entries');
    expect(entryFiles(dir)).toHaveLength(3);
  });

  it('clears entries older than --older-than only', async () => {
    const dir = tempDir();
    seedEntries(dir);
    const legacy = writeLegacyEntry(dir);
    const result = await runCli(['--cache-dir', dir, 'cache', 'clear', '--older-than', '7d', '--json'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(parseJsonOutput<RemovalResult>(result).removed).toEqual([legacy]);
    expect(entryFiles(dir)).toHaveLength(3);
  });

  it('refuses a duration it cannot read with exit 2, naming the flag and examples', async () => {
    const dir = tempDir();
    seedEntries(dir);
    const result = await runCli(['--cache-dir', dir, 'cache', 'clear', '--older-than', 'a week'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe(
      'streamgank: error: --older-than "a week" is not a duration: use a number and a unit, e.g. 30d, 12h, 90m, 45s or 2w.',
    );
    expect(entryFiles(dir)).toHaveLength(3);
  });
});

describe('streamgank cache prune', () => {
  it('refuses to run without a limit (exit 2)', async () => {
    const dir = tempDir();
    seedEntries(dir);
    const result = await runCli(['--cache-dir', dir, 'cache', 'prune'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('pass --max-size (e.g. 500MB), --max-age (e.g. 30d) or both');
    expect(entryFiles(dir)).toHaveLength(3);
  });

  it('removes entries unused for longer than --max-age', async () => {
    const dir = tempDir();
    seedEntries(dir);
    const legacy = writeLegacyEntry(dir);
    const result = await runCli(['--cache-dir', dir, 'cache', 'prune', '--max-age', '30d'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Removed 1 entry from ${dir}`);
    expect(entryFiles(dir)).not.toContain(legacy);
    expect(entryFiles(dir)).toHaveLength(3);
  });

  it('removes the least recently used entries until the cache fits --max-size', async () => {
    const dir = tempDir();
    const cache = seedEntries(dir);
    const before = cache.stats().total_size_bytes;
    const limit = Math.floor(before / 2);
    const result = await runCli(['--cache-dir', dir, 'cache', 'prune', '--max-size', `${limit}B`, '--json'], {
      cwd: dir,
    });
    expect(result.code).toBe(0);
    const removal = parseJsonOutput<RemovalResult>(result);
    expect(removal.removed.length).toBeGreaterThan(0);
    expect(testCache(dir).stats().total_size_bytes).toBeLessThanOrEqual(limit);
  });

  it('changes nothing on a dry run', async () => {
    const dir = tempDir();
    seedEntries(dir);
    const result = await runCli(['--cache-dir', dir, 'cache', 'prune', '--max-size', '0', '--dry-run', '--json'], {
      cwd: dir,
    });
    expect(result.code).toBe(0);
    expect(parseJsonOutput<RemovalResult>(result)).toMatchObject({
      dry_run: true,
      removed: expect.arrayContaining([expect.any(String)]),
    });
    expect(entryFiles(dir)).toHaveLength(3);
  });

  it('refuses a size it cannot read with exit 2', async () => {
    const dir = tempDir();
    const result = await runCli(['--cache-dir', dir, 'cache', 'prune', '--max-size', 'big'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe(
      'streamgank: error: --max-size "big" is not a size: use a number and a unit, e.g. 500MB, 2GB or 750KB.',
    );
  });
});
