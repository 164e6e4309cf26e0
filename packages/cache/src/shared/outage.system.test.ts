import { readdirSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCache, silentLogger, type Cache } from '../index.js';
import { redisRequirement, RedisServer, tempDir, unusedRedisUrl } from '@streamgank/testing';
import { freshPrefix, machine, params } from '../test-support/shared-tier.js';

const { skip } = redisRequirement();

// Long enough that paying it once per call (the failure each test guards against) is far above
// the bounds below even on a loaded CI machine, where the local work alone can take seconds.
const COMMAND_TIMEOUT_MS = 1000;

/** Run `count` getOrCreate calls on distinct entries and time each one. */
async function timedRun(cache: Cache, count: number, tag: string): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const started = performance.now();
    const result = await cache.getOrCreate('script_result', { ...params, genre: `${tag} ${i}` }, () => ({ tag, i }));
    times.push(performance.now() - started);
    expect(result).toMatchObject({ source: 'produced', saved: true, data: { tag, i } });
  }
  return times;
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/**
 * What the same calls cost with no shared tier at all, measured now on this machine: the bounds
 * are on the time Redis adds, so a slow disk or a busy CPU does not make them fail.
 */
async function localOnly(count: number): Promise<{ total: number; slowest: number }> {
  const cache = createCache({ dir: tempDir(), env: {}, logger: silentLogger });
  try {
    const times = await timedRun(cache, count, 'local');
    return { total: sum(times), slowest: Math.max(...times) };
  } finally {
    await cache.close();
  }
}

describe.skipIf(skip)('the shared tier when Redis fails', () => {
  let redis: RedisServer;
  const open: Cache[] = [];
  const track = <T extends Cache>(cache: T): T => {
    open.push(cache);
    return cache;
  };
  const options = (extra: object = {}) => ({
    redis: {
      keyPrefix: freshPrefix(),
      commandTimeoutMs: COMMAND_TIMEOUT_MS,
      connectTimeoutMs: COMMAND_TIMEOUT_MS,
      ...extra,
    },
  });

  beforeAll(async () => {
    redis = await RedisServer.start();
  });
  afterEach(async () => {
    redis.resume();
    await Promise.all(open.splice(0).map((cache) => cache.close()));
    // A test that failed between killing the server and starting it again leaves the next one a server.
    if (!redis.running) await redis.restart();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it('not running at start: one warning, no waiting, everything saved locally', async () => {
    const baseline = await localOnly(20);
    const cache = track(machine(await unusedRedisUrl(), options()));
    const times = await timedRun(cache, 20, 'down');
    expect(cache.logger.warnings).toHaveLength(1);
    expect(cache.logger.warnings[0]).toMatch(
      /shared cache at redis:\/\/127\.0\.0\.1:\d+(\/0)? is unavailable \(cannot connect: connect ECONNREFUSED/,
    );
    expect(sum(times) - baseline.total).toBeLessThan(COMMAND_TIMEOUT_MS * 2);
    expect(cache.list().total_count).toBe(20);
    expect(await cache.sharedStatus()).toMatchObject({ configured: true, reachable: false });
  });

  it('killed mid-run: one warning, bounded added time, the run carries on locally; back when Redis is', async () => {
    const baseline = await localOnly(20);
    const cache = track(machine(redis.url, options({ retryAfterMs: 400 })));
    await timedRun(cache, 3, 'before');
    expect(cache.logger.warnings).toEqual([]);
    await redis.kill();
    const times = await timedRun(cache, 20, 'killed');
    expect(cache.logger.warnings).toHaveLength(1);
    // Without the breaker each call would pay for the failure; with it, about one timeout in all.
    expect(sum(times) - baseline.total).toBeLessThan(COMMAND_TIMEOUT_MS * 4);
    expect(Math.max(...times)).toBeLessThan(COMMAND_TIMEOUT_MS * 2 + baseline.slowest + 500);
    expect(cache.list().total_count).toBe(23);

    await redis.restart();
    await new Promise((resolve) => setTimeout(resolve, 450));
    await timedRun(cache, 2, 'after');
    expect(cache.logger.infos.some((line) => line.includes('is reachable again'))).toBe(true);
    expect(cache.logger.warnings).toHaveLength(1);
    expect(await cache.sharedStatus()).toMatchObject({ reachable: true, entries: 2 });
  });

  it('a long outage is told once however many retries fail, and a new outage after a recovery again', async () => {
    const cache = track(machine(redis.url, options({ retryAfterMs: 100 })));
    await timedRun(cache, 1, 'up');
    await redis.kill();
    for (let retry = 0; retry < 4; retry += 1) {
      await timedRun(cache, 1, `down ${retry}`);
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    expect(cache.logger.warnings).toHaveLength(1);
    await redis.restart();
    await new Promise((resolve) => setTimeout(resolve, 150));
    await timedRun(cache, 1, 'back');
    expect(cache.logger.infos.filter((line) => line.includes('is reachable again'))).toHaveLength(1);
    await redis.kill();
    await timedRun(cache, 1, 'down again');
    expect(cache.logger.warnings).toHaveLength(2);
  });

  it('stalled (SIGSTOP) mid-run: calls wait at most about one command timeout, then skip Redis', async () => {
    const baseline = await localOnly(10);
    const cache = track(machine(redis.url, options()));
    await timedRun(cache, 2, 'before');
    redis.pause();
    const times = await timedRun(cache, 10, 'stalled');
    expect(cache.logger.warnings).toHaveLength(1);
    expect(cache.logger.warnings[0]).toMatch(/timed out/i);
    expect(Math.max(...times)).toBeLessThan(COMMAND_TIMEOUT_MS * 2 + baseline.slowest + 500);
    expect(sum(times) - baseline.total).toBeLessThan(COMMAND_TIMEOUT_MS * 4);
    const status = performance.now();
    expect(await cache.sharedStatus()).toMatchObject({ reachable: false });
    expect(performance.now() - status).toBeLessThan(COMMAND_TIMEOUT_MS * 3 + 500);
    expect(readdirSync(cache.directory).filter((name) => name.endsWith('.json'))).toHaveLength(12);
  });

  it('stalled before the first connection: the connect is bounded too', async () => {
    const baseline = await localOnly(5);
    const cache = track(machine(redis.url, options()));
    redis.pause();
    const times = await timedRun(cache, 5, 'stalled-at-start');
    expect(cache.logger.warnings).toHaveLength(1);
    expect(sum(times) - baseline.total).toBeLessThan(COMMAND_TIMEOUT_MS * 3);
  });

  it('close() returns at once even while Redis does not answer', async () => {
    // A close that waited for an answer would wait the whole command timeout: make it long.
    const cache = machine(redis.url, { redis: { keyPrefix: freshPrefix(), commandTimeoutMs: 20_000 } });
    await timedRun(cache, 1, 'close');
    redis.pause();
    const started = performance.now();
    await cache.close();
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
