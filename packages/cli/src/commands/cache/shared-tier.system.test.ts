import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCache, silentLogger, type Cache, type CacheStats, type SharedStatus } from '@streamgank/cache';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePng, RedisServer, redisRequirement } from '@streamgank/testing';
import { parseJsonOutput, runCli, startDashboardCli } from '../../test-support/run-cli.js';
import { FR_HORREUR, US_HORROR } from '../../test-support/seed-cache.js';

const { skip } = redisRequirement();

type StatsJson = CacheStats & { shared: SharedStatus };

/** A cache in `dir` on the shared tier at `redisUrl`, as another machine's `streamgank run` would open it. */
function sharedCache(dir: string, redisUrl: string): Cache {
  return createCache({ dir, redisUrl, env: {}, logger: silentLogger, durable: false });
}

describe.skipIf(skip)('streamgank with a real Redis shared by two cache directories', () => {
  let redis: RedisServer;
  let work: string;
  let first: string;
  let second: string;

  const stats = async (dir: string, args: readonly string[] = [], env: Record<string, string> = {}) => {
    const result = await runCli(['--cache-dir', dir, ...args, 'cache', 'stats', '--json'], { cwd: work, env });
    expect(result.code, result.stderr).toBe(0);
    return parseJsonOutput<StatsJson>(result);
  };

  beforeAll(async () => {
    redis = await RedisServer.start();
    // Not tempDir(): the directories live across the tests of this file.
    work = mkdtempSync(join(tmpdir(), 'streamgank-cli-shared-'));
    first = join(work, 'first');
    second = join(work, 'second');
    mkdirSync(second);
    // The first machine produces two entries (one with a PNG poster); each is published to Redis.
    const cache = sharedCache(first, redis.url);
    try {
      await cache.getOrCreate('script_result', US_HORROR, async (context) => {
        context.setProducer('local-writer');
        return { scripts: ['one', 'two', 'three'] };
      });
      await cache.getOrCreate('assets', FR_HORREUR, async (context) => {
        context.setProducer('ffmpeg');
        const posterFile = join(work, 'poster.png');
        writeFileSync(posterFile, makePng(40, 60));
        const poster = await context.putBlob(posterFile, 'image/png');
        return { posters: [poster.sha256] };
      });
    } finally {
      await cache.close();
    }
  });

  afterAll(async () => {
    await redis?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('cache stats --json in the second directory: Redis reachable, holding the entries the first published', async () => {
    const json = await stats(second, ['--redis-url', redis.url]);
    expect(json.total_files).toBe(0);
    expect(json.shared).toEqual({
      configured: true,
      kind: 'redis',
      url: `${redis.url}`,
      key_prefix: 'streamgank:',
      reachable: true,
      mode: 'readwrite',
      signed: false,
      entries: 2,
      hits_from_shared: 0,
      rejected_values: 0,
    });
    // The same from STREAMGANK_REDIS_URL; --no-redis leaves it out.
    expect((await stats(second, [], { STREAMGANK_REDIS_URL: redis.url })).shared).toMatchObject({
      reachable: true,
      entries: 2,
    });
    expect((await stats(second, ['--no-redis'], { STREAMGANK_REDIS_URL: redis.url })).shared).toMatchObject({
      configured: false,
    });
  });

  it('counts the hits the second directory was served from Redis, and says so to people', async () => {
    const cache = sharedCache(second, redis.url);
    try {
      const hit = await cache.getOrCreate('script_result', US_HORROR, async () => {
        throw new Error('the second machine must not produce what the first published');
      });
      expect(hit.source).toBe('hit');
    } finally {
      await cache.close();
    }
    const json = await stats(second, ['--redis-url', redis.url]);
    expect(json.total_files).toBe(1);
    expect(json.hits_by_tier).toMatchObject({ redis: 1 });
    expect(json.shared).toMatchObject({ reachable: true, entries: 2, hits_from_shared: 1 });

    const human = await runCli(['--cache-dir', second, '--redis-url', redis.url, 'cache', 'stats'], { cwd: work });
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout.trim().split('\n').at(-1)).toBe(
      `Shared tier: reachable at ${redis.url} (keys streamgank:*): 2 entries; 1 hit served from it`,
    );
  });

  it('streamgank dashboard --redis-url serves the same shared tier as `cache stats --json`', async () => {
    const cli = await stats(second, ['--redis-url', redis.url]);
    const dashboard = await startDashboardCli(
      ['--cache-dir', second, '--redis-url', redis.url, 'dashboard', '--port', '0'],
      work,
    );
    const served = (await (await fetch(new URL('api/shared', dashboard.url))).json()) as SharedStatus;
    expect(served).toEqual(cli.shared);
    expect((await dashboard.stop()).code).toBe(0);
  });
});
