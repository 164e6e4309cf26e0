import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertBuilt, exitOf, spawnChild } from '../test-support/children.js';
import { redisRequirement, tempDir } from '@streamgank/testing';
import { freshPrefix, lockKey, machine, params, randomFile, sharedRedisHarness } from '../test-support/shared-tier.js';

const { skip } = redisRequirement();
const FILE = 'script_result_us_horror_netflix.json';

describe.skipIf(skip)('producing once across machines', () => {
  const { track, server } = sharedRedisHarness();

  it('two machines asking at once: the producer runs once, the other waits and gets its entry', async () => {
    const redisOptions = { redis: { keyPrefix: freshPrefix(), lockPollMs: 20 } };
    const one = track(machine(server().redis.url, redisOptions));
    const two = track(machine(server().redis.url, redisOptions));
    let runs = 0;
    const produce = (who: string) => async () => {
      runs += 1;
      await new Promise((resolve) => setTimeout(resolve, 400));
      return { who };
    };
    const [a, b] = await Promise.all([
      one.getOrCreate('script_result', params, produce('one')),
      two.getOrCreate('script_result', params, produce('two')),
    ]);
    expect(runs).toBe(1);
    expect([a.source, b.source].sort()).toEqual(['hit', 'produced']);
    expect(a.data).toEqual(b.data);
    const waiter = a.source === 'hit' ? one : two;
    expect(waiter.logger.infos.some((line) => line.includes(`another machine is producing ${FILE}`))).toBe(true);
    expect(waiter.stats()).toMatchObject({ hits: 1, misses: 0, hits_by_tier: { redis: 1 } });
    expect(await server().raw.exists(lockKey(redisOptions.redis.keyPrefix, FILE))).toBe(0);
  });

  it('renews the lock while a long producer runs, so a waiter never takes over early', async () => {
    const redisOptions = { redis: { keyPrefix: freshPrefix(), lockTtlMs: 1200, lockPollMs: 20 } };
    const one = track(machine(server().redis.url, redisOptions));
    const two = track(machine(server().redis.url, redisOptions));
    let runs = 0;
    const slow = async () => {
      runs += 1;
      await new Promise((resolve) => setTimeout(resolve, 3000));
      return { slow: true };
    };
    const first = one.getOrCreate('script_result', params, slow);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const second = await two.getOrCreate('script_result', params, slow);
    expect((await first).source).toBe('produced');
    expect(second.source).toBe('hit');
    expect(runs).toBe(1);
  });

  it('a lock left by a machine that died expires, and the waiter produces', async () => {
    const keyPrefix = freshPrefix();
    await server().raw.set(lockKey(keyPrefix, FILE), 'dead-machine', 'PX', 300);
    const cache = track(machine(server().redis.url, { redis: { keyPrefix, lockPollMs: 20 } }));
    const started = performance.now();
    const result = await cache.getOrCreate('script_result', params, () => ({ mine: true }));
    const waited = performance.now() - started;
    expect(result.source).toBe('produced');
    expect(waited).toBeGreaterThan(250);
    // Far below lockWaitMs (120 s): the waiter saw the lock expire rather than giving up on it.
    expect(waited).toBeLessThan(10_000);
  });

  it('the wait is bounded: past lockWaitMs the machine produces anyway', async () => {
    const keyPrefix = freshPrefix();
    await server().raw.set(lockKey(keyPrefix, FILE), 'stuck-machine', 'PX', 60_000);
    const cache = track(machine(server().redis.url, { redis: { keyPrefix, lockWaitMs: 300, lockPollMs: 20 } }));
    const started = performance.now();
    const result = await cache.getOrCreate('script_result', params, () => ({ mine: true }));
    expect(result.source).toBe('produced');
    // The stuck lock lives 60 s; a loaded machine may add seconds to the 300 ms wait, never that.
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(cache.logger.infos.some((line) => line.includes('producing it here'))).toBe(true);
    expect(await server().raw.get(lockKey(keyPrefix, FILE))).toBe('stuck-machine');
  });

  it('a producer that fails releases its lock, and the waiting machine produces', async () => {
    const redisOptions = { redis: { keyPrefix: freshPrefix(), lockPollMs: 20 } };
    const one = track(machine(server().redis.url, redisOptions));
    const two = track(machine(server().redis.url, redisOptions));
    const failing = one
      .getOrCreate('script_result', params, async () => {
        await new Promise((resolve) => setTimeout(resolve, 200));
        throw new Error('the LLM timed out');
      })
      .catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const second = await two.getOrCreate('script_result', params, () => ({ second: true }));
    expect(await failing).toMatchObject({ message: 'the LLM timed out' });
    expect(second).toMatchObject({ source: 'produced', data: { second: true } });
  });

  it(
    'separate processes: each exits by itself after close(), and only one of them produced',
    { timeout: 60_000 },
    async () => {
      assertBuilt();
      const runsFile = join(tempDir(), 'runs.txt');
      const keyPrefix = freshPrefix();
      const children = Array.from({ length: 3 }, () =>
        exitOf(spawnChild('shared-worker.mjs', [tempDir(), server().redis.url, runsFile, '500', keyPrefix])),
      );
      const results = await Promise.all(children);
      for (const result of results) expect(result, result.stderr).toMatchObject({ code: 0 });
      const outputs = results.map(
        (result) => JSON.parse(result.stdout) as { source: string; data: { by: number }; warnings: string[] },
      );
      expect(readFileSync(runsFile, 'utf8').trim().split('\n')).toHaveLength(1);
      expect(outputs.map((output) => output.source).sort()).toEqual(['hit', 'hit', 'produced']);
      expect(new Set(outputs.map((output) => output.data.by)).size).toBe(1);
      expect(outputs.flatMap((output) => output.warnings)).toEqual([]);
    },
  );

  it(
    'a process that never calls close() still exits by itself once its work is done',
    { timeout: 60_000 },
    async () => {
      assertBuilt();
      const started = performance.now();
      const result = await exitOf(
        spawnChild('shared-worker.mjs', [
          tempDir(),
          server().redis.url,
          join(tempDir(), 'runs.txt'),
          '10',
          freshPrefix(),
          'no-close',
        ]),
      );
      expect(result, result.stderr).toMatchObject({ code: 0 });
      expect(JSON.parse(result.stdout)).toMatchObject({ source: 'produced', warnings: [] });
      expect(performance.now() - started).toBeLessThan(10_000);
    },
  );

  it(
    'a process that pulled megabytes from Redis ends as soon as it closed the cache',
    { timeout: 60_000 },
    async () => {
      assertBuilt();
      const keyPrefix = freshPrefix();
      // Large chunks: redis-parser sizes its pool to three times the largest reply, and shrinks it a tenth per 50 ms.
      const first = track(
        machine(server().redis.url, { redis: { keyPrefix, chunkBytes: 4 * 1024 * 1024, commandTimeoutMs: 10_000 } }),
      );
      const clip = randomFile(8 * 1024 * 1024 + 7, 'clip.mp4');
      await first.getOrCreate('assets', params, async (ctx) => ({
        clip: (await ctx.putBlob(clip.path, 'video/mp4')).sha256,
      }));
      const result = await exitOf(spawnChild('pull-worker.mjs', [tempDir(), server().redis.url, keyPrefix, tempDir()]));
      expect(result, result.stderr).toMatchObject({ code: 0 });
      const report = JSON.parse(result.stdout) as { source: string; exit_after_pull_ms: number };
      expect(report.source).toBe('hit');
      // redis-parser's pool shrinker held it about 3 s after the last chunk; it now ends once the blob is restored.
      expect(report.exit_after_pull_ms).toBeLessThan(2500);
    },
  );
});
