import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { getCacheStats, type SharedStatus } from '@streamgank/cache';
import { describe, expect, it } from 'vitest';
import { unusedRedisUrl, tempDir } from '@streamgank/testing';
import { finished, parseJsonOutput, runCli, spawnCli } from '../../test-support/run-cli.js';
import { seedEntries } from '../../test-support/seed-cache.js';

const PASSWORD = 's3cret-redis-pass';
/** An outage must cost about one connect timeout (0.5 s) plus start-up; 5 s leaves room for a busy machine. */
const QUICK_MS = 5_000;

type StatsWithShared = ReturnType<typeof getCacheStats> & { shared: SharedStatus };

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
}

describe('streamgank cache stats with an unreachable Redis', () => {
  it('says the shared tier is unreachable and why, finishes quickly with exit 0, and never shows the password', async () => {
    const dir = tempDir();
    seedEntries(dir);
    const url = await unusedRedisUrl(PASSWORD);
    const port = new URL(url).port;
    const { value: result, ms } = await timed(() =>
      runCli(['--cache-dir', dir, '--redis-url', url, 'cache', 'stats'], { cwd: dir }),
    );
    expect(result.code, result.stderr).toBe(0);
    expect(ms).toBeLessThan(QUICK_MS);
    expect(result.stdout).toMatch(/^Entries: 3, /m);
    const sharedLine = result.stdout.trim().split('\n').at(-1);
    expect(sharedLine).toMatch(
      new RegExp(
        `^Shared tier: unreachable at redis://:\\*\\*\\*@127\\.0\\.0\\.1:${port} \\(keys streamgank:\\*\\): .*ECONNREFUSED.*; 0 hits served from it$`,
      ),
    );
    // The cache's one warning about the outage, on stderr.
    expect(result.stderr).toContain(
      `streamgank cache: warning: the shared cache at redis://:***@127.0.0.1:${port} is unavailable`,
    );
    expect(result.stdout + result.stderr).not.toContain(PASSWORD);
  });

  it('--json: every key of getCacheStats as before, and `shared` holding sharedStatus()', async () => {
    const dir = tempDir();
    seedEntries(dir);
    const url = await unusedRedisUrl(PASSWORD);
    const { value: result, ms } = await timed(() =>
      runCli(['--cache-dir', dir, '--redis-url', url, 'cache', 'stats', '--json'], { cwd: dir }),
    );
    expect(result.code, result.stderr).toBe(0);
    expect(ms).toBeLessThan(QUICK_MS);
    const { shared, ...stats } = parseJsonOutput<StatsWithShared>(result);
    const expected = getCacheStats({ dir, env: {} });
    expect(Object.keys(stats)).toEqual(Object.keys(expected));
    expect(stats).toEqual(expected);
    expect(shared).toEqual({
      configured: true,
      kind: 'redis',
      mode: 'readwrite',
      signed: false,
      url: url.replace(PASSWORD, '***'),
      key_prefix: 'streamgank:',
      reachable: false,
      hits_from_shared: 0,
      rejected_values: 0,
      error: expect.stringContaining('ECONNREFUSED') as string,
    });
    expect(result.stdout + result.stderr).not.toContain(PASSWORD);
  });

  it("takes STREAMGANK_REDIS_URL from the environment or .env; --redis-url wins; --redis-url '' and --no-redis turn it off", async () => {
    const cwd = tempDir();
    const fromEnv = await unusedRedisUrl();
    const fromDotEnv = await unusedRedisUrl();
    const fromFlag = await unusedRedisUrl();
    const shared = async (args: string[], env: Record<string, string> = {}) => {
      const result = await runCli(['--cache-dir', join(cwd, 'cache'), ...args, 'cache', 'stats', '--json'], {
        cwd,
        env,
      });
      expect(result.code, result.stderr).toBe(0);
      return parseJsonOutput<StatsWithShared>(result).shared;
    };
    expect(await shared([])).toMatchObject({ configured: false });
    expect(await shared([], { STREAMGANK_REDIS_URL: fromEnv })).toMatchObject({ configured: true, url: fromEnv });
    writeFileSync(join(cwd, '.env'), `STREAMGANK_REDIS_URL=${fromDotEnv}\n`);
    expect(await shared([])).toMatchObject({ configured: true, url: fromDotEnv });
    expect(await shared([], { STREAMGANK_REDIS_URL: fromEnv })).toMatchObject({ url: fromEnv });
    expect(await shared(['--redis-url', fromFlag], { STREAMGANK_REDIS_URL: fromEnv })).toMatchObject({ url: fromFlag });
    expect(await shared(['--redis-url', ''], { STREAMGANK_REDIS_URL: fromEnv })).toEqual({
      configured: false,
      reachable: false,
      hits_from_shared: 0,
      rejected_values: 0,
    });
    expect(await shared(['--no-redis'], { STREAMGANK_REDIS_URL: fromEnv })).toMatchObject({ configured: false });
  });

  it('refuses a Redis URL it cannot use with exit 2, naming where it came from but not its value', async () => {
    const cwd = tempDir();
    const byFlag = await runCli(['--redis-url', `cache.internal:6379?password=${PASSWORD}`, 'cache', 'stats'], { cwd });
    expect(byFlag.code).toBe(2);
    expect(byFlag.stderr).toBe(
      'streamgank: error: --redis-url is not a Redis URL: expected redis://[:password@]host:port[/db], rediss://… (TLS) or a unix socket path (or --no-redis for none).\n',
    );
    writeFileSync(join(cwd, '.env'), `STREAMGANK_REDIS_URL=http://:${PASSWORD}@cache.internal\n`);
    const byDotEnv = await runCli(['cache', 'list'], { cwd });
    expect(byDotEnv.code).toBe(2);
    expect(byDotEnv.stderr).toContain(`STREAMGANK_REDIS_URL (from ${join(cwd, '.env')}) is not a Redis URL`);
    expect(byFlag.stderr + byDotEnv.stderr).not.toContain(PASSWORD);
  });

  it('masks the password of STREAMGANK_REDIS_URL and --redis-url in every line, stack traces included', async () => {
    const cwd = tempDir();
    // A cache directory named after the password is the easiest way to get it into an error message.
    const dir = `/proc/${PASSWORD}`;
    for (const [args, env] of [
      [['--redis-url', await unusedRedisUrl(PASSWORD)], {}],
      [[`--redis-url=${await unusedRedisUrl(PASSWORD)}`], {}],
      [[], { STREAMGANK_REDIS_URL: await unusedRedisUrl(PASSWORD) }],
    ] as const) {
      const result = await runCli(
        ['--verbose', '--cache-dir', dir, ...args, 'cache', 'show', 'script_result_us_horror_netflix.json'],
        { cwd, env },
      );
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('/proc/***');
      expect(result.stderr).toMatch(/shared tier: redis:\/\/:\*\*\*@127\.0\.0\.1:\d+/);
      expect(result.stdout + result.stderr).not.toContain(PASSWORD);
    }
  });

  it("prints the cache's warnings even with --quiet", async () => {
    const dir = tempDir();
    const result = await runCli(
      ['--quiet', '--cache-dir', dir, '--redis-url', await unusedRedisUrl(), 'cache', 'stats', '--json'],
      { cwd: dir },
    );
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(
      /^streamgank cache: warning: the shared cache at redis:\/\/127\.0\.0\.1:\d+ is unavailable/,
    );
  });
});

describe('every cache command with an unreachable Redis', () => {
  it.each([
    [['cache', 'list', '--json']],
    [['cache', 'show', 'script_result_us_horror_netflix.json']],
    [['cache', 'verify']],
    [['cache', 'prune', '--max-age', '30d', '--dry-run']],
    [['cache', 'clear', '--type', 'assets', '--dry-run']],
    [['cache', 'export', 'bundle.tar.gz']],
  ])('finishes quickly with its usual result: %j', async (args) => {
    const dir = tempDir();
    seedEntries(dir);
    const cwd = tempDir();
    const url = await unusedRedisUrl();
    const { value: result, ms } = await timed(() => runCli(['--cache-dir', dir, '--redis-url', url, ...args], { cwd }));
    expect(result.code, result.stderr).toBe(0);
    expect(ms).toBeLessThan(QUICK_MS);
  });
});

describe('streamgank dashboard --redis-url', () => {
  it("shows the CLI's shared tier: /api/shared names the Redis it was given, unreachable here", async () => {
    const dir = tempDir();
    seedEntries(dir);
    const url = await unusedRedisUrl(PASSWORD);
    const child = spawnCli(['--cache-dir', dir, '--redis-url', url, 'dashboard', '--port', '0'], { cwd: dir });
    const done = finished(child);
    const output = await new Promise<string>((resolve, reject) => {
      let text = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        if (/Token: +\S+\n/.test(text)) resolve(text);
      });
      child.on('close', () => reject(new Error(`exited early: ${text}`)));
    });
    const page = /Dashboard: (\S+)/.exec(output)?.[1] as string;
    const shared = (await (await fetch(new URL('api/shared', page))).json()) as SharedStatus;
    expect(shared).toMatchObject({ configured: true, reachable: false, url: url.replace(PASSWORD, '***') });
    child.kill('SIGINT');
    const result = await done;
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(
      `Showing the cache in ${dir} and the shared tier at ${url.replace(PASSWORD, '***')}.`,
    );
    expect(result.stdout + result.stderr).not.toContain(PASSWORD);
  });
});
