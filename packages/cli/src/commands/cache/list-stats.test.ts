import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { getCacheStats, listTestData } from '@streamgank/cache';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { parseJsonOutput, runCli } from '../../test-support/run-cli.js';
import { seedEntries, testCache, writeLegacyEntry } from '../../test-support/seed-cache.js';
import { tempDir } from '@streamgank/testing';

describe('streamgank cache list', () => {
  it('prints listTestData as one JSON document and nothing else', async () => {
    const dir = tempDir();
    seedEntries(dir);
    writeLegacyEntry(dir);
    const result = await runCli(['--cache-dir', dir, 'cache', 'list', '--json'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const listed = parseJsonOutput<ReturnType<typeof listTestData>>(result);
    expect(listed).toEqual(listTestData({ dir, env: {} }));
    expect(listed.total_count).toBe(4);
    const script = listed.files.find((file) => file.filename === 'script_result_us_horror_netflix.json');
    expect(script).toMatchObject({
      data_type: 'script_result',
      parameters: { country: 'US', genre: 'Horror', platform: 'Netflix' },
      status: 'ok',
      producer: 'local-writer',
    });
    expect(Object.keys(script ?? {})).toEqual(
      expect.arrayContaining(['filename', 'size_bytes', 'size_mb', 'saved_datetime', 'status']),
    );
    expect(listed.files.find((file) => file.filename === 'assets_us_comedy_netflix.json')?.status).toBe('legacy');
  });

  it('filters on metadata, accepting friendly type names and any letter case', async () => {
    const dir = tempDir();
    seedEntries(dir);
    const result = await runCli(
      ['--cache-dir', dir, 'cache', 'list', '--type', 'scripts', '--country', 'us', '--json'],
      { cwd: dir },
    );
    expect(result.code).toBe(0);
    const listed = parseJsonOutput<ReturnType<typeof listTestData>>(result);
    expect(listed.files.map((file) => file.filename)).toEqual(['script_result_us_horror_netflix.json']);
  });

  it('prints a table and a summary line for people', async () => {
    const dir = tempDir();
    seedEntries(dir);
    const result = await runCli(['--cache-dir', dir, 'cache', 'list'], { cwd: dir });
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^FILE\s+TYPE\s+COUNTRY\s+GENRE\s+PLATFORM\s+SIZE\s+SAVED\s+STATUS\s+PINNED$/);
    expect(result.stdout).toMatch(
      /assets_us_horror_netflix\.json\s+assets\s+US\s+Horror\s+Netflix\s+\S+ B\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\s+ok/,
    );
    expect(lines.at(-1)).toMatch(new RegExp(`^3 entries in ${dir}: `));
  });

  it('keeps the columns aligned on screen when names hold wide characters (CJK, emoji)', async () => {
    const dir = tempDir();
    const cache = testCache(dir);
    const wide = [
      { country: 'JP', genre: 'ホラー', platform: 'Netflix' },
      { country: 'FR', genre: 'Horreur 🎃', platform: 'Canal+' },
      { country: 'KR', genre: '공포', platform: '티빙' },
      { country: 'US', genre: 'Action & Adventure', platform: 'Netflix' },
    ];
    for (const parameters of wide) cache.save('script_result', parameters, { scripts: ['one'] });
    const result = await runCli(['--cache-dir', dir, 'cache', 'list'], { cwd: dir });
    expect(result.code).toBe(0);
    const [header = '', ...rows] = result.stdout.split('\n\n')[0]?.split('\n') ?? [];
    expect(rows).toHaveLength(wide.length);
    /** Where `text` starts on screen in `line`, in terminal columns. */
    const column = (line: string, text: string) => stringWidth(line.slice(0, line.indexOf(text)));
    for (const { genre, platform } of wide) {
      const row = rows.find((line) => line.includes(genre)) ?? '';
      expect(column(row, platform), row).toBe(column(header, 'PLATFORM'));
      // SIZE is right-aligned: the sizes end where the header does.
      const size = / (\d+(?:\.\d+)? [KM]?B) /.exec(row.slice(row.indexOf(platform)))?.[1] ?? '';
      expect(column(row, size) + stringWidth(size), row).toBe(column(header, 'SIZE') + 'SIZE'.length);
    }
  });

  it('says so when nothing matches', async () => {
    const dir = tempDir();
    seedEntries(dir);
    const result = await runCli(['--cache-dir', dir, 'cache', 'list', '--genre', 'Comedy'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe(`No cached entries match genre Comedy in ${dir}.`);
  });

  it('refuses an unknown status with exit 2, naming the accepted ones', async () => {
    const dir = tempDir();
    const result = await runCli(['--cache-dir', dir, 'cache', 'list', '--status', 'fresh'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain(
      "argument 'fresh' is invalid. Allowed choices are ok, legacy, stale, edited, corrupt",
    );
  });
});

describe('streamgank cache stats', () => {
  it('prints getCacheStats exactly, as one JSON document', async () => {
    const dir = tempDir();
    const cache = seedEntries(dir);
    cache.load('script_result', { country: 'US', genre: 'Horror', platform: 'Netflix' });
    const result = await runCli(['--cache-dir', dir, 'cache', 'stats', '--json'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const { shared, ...stats } = parseJsonOutput(result);
    const expected = getCacheStats({ dir, env: {} });
    expect(Object.keys(stats)).toEqual(Object.keys(expected));
    expect(stats).toEqual(expected);
    expect(stats).toMatchObject({ total_files: 3, hits: 1, time_saved_ms: 45_000 });
    // getCacheStats's keys, then one more: the shared tier, here not configured.
    expect(Object.keys(parseJsonOutput(result)).at(-1)).toBe('shared');
    expect(shared).toEqual({ configured: false, reachable: false, hits_from_shared: 0, rejected_values: 0 });
  });

  it('summarises for people: entries, sizes by type, hit rate, time saved', async () => {
    const dir = tempDir();
    const cache = seedEntries(dir);
    cache.load('assets', { country: 'US', genre: 'Horror', platform: 'Netflix' });
    const result = await runCli(['--cache-dir', dir, 'cache', 'stats'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Cache directory: ${dir}`);
    expect(result.stdout).toMatch(/Entries: 3, /);
    expect(result.stdout).toMatch(/script_result\s+2\s/);
    expect(result.stdout).toMatch(/assets\s+1\s/);
    expect(result.stdout).toContain('1 hits, 0 misses, 0 stale, 0 corrupt (hit rate 100.0%)');
    expect(result.stdout).toContain('Time saved: 2 min 0 s');
    expect(result.stdout).toContain('Shared tier: not configured; pass --redis-url or set STREAMGANK_REDIS_URL');
  });

  it('says how many files in the directory are not entries, and where they are named', async () => {
    const dir = tempDir();
    seedEntries(dir);
    const quiet = await runCli(['--cache-dir', dir, 'cache', 'stats'], { cwd: dir });
    expect(quiet.stdout).not.toContain('Not entries');
    writeFileSync(join(dir, 'notes.json'), '{"hello": 1}');
    writeFileSync(join(dir, 'todo.txt'), 'a'.repeat(2000));
    const result = await runCli(['--cache-dir', dir, 'cache', 'stats'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(
      'Not entries: 2 files of 2 KB in the directory; `streamgank cache verify` names them and says why',
    );
    expect(result.stdout).toMatch(/Entries: 3, /);
  });

  it('says when an older file holds an entry a newer one holds too', async () => {
    const dir = tempDir();
    const cache = seedEntries(dir);
    const parameters = { country: 'FR', genre: 'Comédie', platform: 'Netflix' };
    cache.save('assets', parameters, { n: 2 });
    // An older copy of the entry arrives under the name the Python version gave it (it kept the
    // accent; this version names the entry otherwise): both files hold one entry.
    const metadata = {
      data_type: 'assets',
      parameters,
      saved_timestamp: 1704649200,
      saved_datetime: '2024-01-07 15:30:00',
    };
    writeFileSync(join(dir, 'assets_fr_comédie_netflix.json'), JSON.stringify({ data: { n: 1 }, metadata }));
    const result = await runCli(['--cache-dir', dir, 'cache', 'stats'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(
      'Shadowed: 1 older file holds an entry that a newer file also holds (the next save supersedes it)',
    );
    expect(result.stdout).toMatch(/Entries: 4, /);
  });

  it('uses ./test_output by default, STREAMGANK_CACHE_DIR over it, and --cache-dir over both', async () => {
    const cwd = tempDir();
    seedEntries(join(cwd, 'test_output'));
    const fromEnv = join(cwd, 'from-env');
    mkdirSync(fromEnv);
    seedEntries(fromEnv).clear({ dataType: 'assets' });

    const byDefault = parseJsonOutput(await runCli(['cache', 'stats', '--json'], { cwd }));
    expect(byDefault).toMatchObject({ cache_directory: 'test_output', total_files: 3 });
    const byEnv = parseJsonOutput(
      await runCli(['cache', 'stats', '--json'], { cwd, env: { STREAMGANK_CACHE_DIR: fromEnv } }),
    );
    expect(byEnv).toMatchObject({ cache_directory: fromEnv, total_files: 2 });
    const byFlag = parseJsonOutput(
      await runCli(['cache', 'stats', '--json', '--cache-dir', 'test_output'], {
        cwd,
        env: { STREAMGANK_CACHE_DIR: fromEnv },
      }),
    );
    expect(byFlag).toMatchObject({ cache_directory: 'test_output', total_files: 3 });
  });

  it('reads STREAMGANK_CACHE_DIR from .env when the environment does not set it', async () => {
    const cwd = tempDir();
    const dotEnvDir = join(cwd, 'dotenv-cache');
    mkdirSync(dotEnvDir);
    seedEntries(dotEnvDir);
    writeFileSync(join(cwd, '.env'), `# local settings\nSTREAMGANK_CACHE_DIR=${dotEnvDir}\n`);
    const fromDotEnv = parseJsonOutput(await runCli(['cache', 'stats', '--json'], { cwd }));
    expect(fromDotEnv).toMatchObject({ cache_directory: dotEnvDir, total_files: 3 });
    const envWins = parseJsonOutput(
      await runCli(['cache', 'stats', '--json'], { cwd, env: { STREAMGANK_CACHE_DIR: 'elsewhere' } }),
    );
    expect(envWins).toMatchObject({ cache_directory: 'elsewhere', total_files: 0 });
  });

  it('refuses an unknown STREAMGANK_CACHE_MODE with exit 2 and the accepted modes', async () => {
    const dir = tempDir();
    const result = await runCli(['--cache-dir', dir, 'cache', 'stats'], {
      cwd: dir,
      env: { STREAMGANK_CACHE_MODE: 'sometimes' },
    });
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe(
      'streamgank: error: Unknown cache mode "sometimes" (from STREAMGANK_CACHE_MODE): use one of readwrite, readonly, refresh, off.',
    );
  });
});
