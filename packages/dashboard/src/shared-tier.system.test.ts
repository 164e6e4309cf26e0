import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCache, silentLogger, type Cache, type CacheStats, type SharedStatus } from '@streamgank/cache';
import {
  chromiumRequirement,
  launchChromium,
  saveScreenshot,
  unusedRedisUrl,
  redisRequirement,
  RedisServer,
  tempDir,
} from '@streamgank/testing';
import { ARTIFACTS } from './test-support/artifacts.js';
import { startForTest } from './test-support/fixture-dashboard.js';
import { send } from './test-support/http-client.js';

const { skip } = redisRequirement();

const horror = { country: 'US', genre: 'Horror', platform: 'Netflix' };

describe.skipIf(skip)('the shared tier on a real redis-server', () => {
  let redis: RedisServer;
  const open: Cache[] = [];
  /** A cache in a directory of its own on the test's Redis: one machine of the team. */
  const machine = (dir = tempDir()): Cache => {
    const cache = createCache({ dir, redisUrl: redis.url, env: {}, logger: silentLogger, durable: false });
    open.push(cache);
    return cache;
  };
  const shared = async (url: string) => (await send(url, { path: '/api/shared' })).json() as SharedStatus;
  const produce = (cache: Cache, genre: string) =>
    cache.getOrCreate('script_result', { ...horror, genre }, (ctx) => {
      ctx.setProducer('openai:gpt-4o-mini');
      return { scripts: [`A ${genre} story`] };
    });

  beforeAll(async () => {
    redis = await RedisServer.start();
  });
  beforeEach(async () => {
    await redis.flushAll();
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((cache) => cache.close()));
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it('shows it reachable, with the entries it holds and the hits it served to this directory', async () => {
    const colleague = machine();
    for (const genre of ['Horror', 'Comedy', 'Drama'])
      expect((await produce(colleague, genre)).source).toBe('produced');
    const dir = tempDir();
    const promoted = await produce(machine(dir), 'Horror');
    expect(promoted.source).toBe('hit');

    const dashboard = await startForTest({ cacheDir: dir, redisUrl: redis.url, env: {} });
    expect(await shared(dashboard.url)).toEqual({
      configured: true,
      kind: 'redis',
      mode: 'readwrite',
      signed: false,
      url: redis.url,
      key_prefix: 'streamgank:',
      reachable: true,
      entries: 3,
      hits_from_shared: 1,
      rejected_values: 0,
    });
    const stats = (await send(dashboard.url, { path: '/api/stats' })).json() as CacheStats;
    expect(stats.hits_by_tier).toEqual({ redis: 1 });
    expect(stats).not.toHaveProperty('shared');

    await produce(colleague, 'Thriller');
    expect((await shared(dashboard.url)).entries).toBe(4);
  });

  it('says the tier is unreachable, with the reason, as soon as Redis dies, and the rest still answers', async () => {
    const own = await RedisServer.start();
    try {
      const dir = tempDir();
      const dashboard = await startForTest({ cacheDir: dir, redisUrl: own.url, env: {} });
      expect(await shared(dashboard.url)).toMatchObject({ reachable: true, entries: 0 });
      await own.kill();
      const stderr = process.stderr.write;
      process.stderr.write = () => true;
      try {
        const started = performance.now();
        const status = await shared(dashboard.url);
        expect(performance.now() - started).toBeLessThan(2000);
        expect(status).toMatchObject({ configured: true, reachable: false });
        expect(status.error).toMatch(/ECONNREFUSED|closed|connect/i);
        expect((await send(dashboard.url, { path: '/api/stats' })).status).toBe(200);
      } finally {
        process.stderr.write = stderr;
      }
    } finally {
      await own.stop();
    }
  });

  it('closes the Redis connection of the cache it opened when it closes, and leaves a given cache open', async () => {
    const before = await redis.connectedClients();
    const dashboard = await startForTest({ cacheDir: tempDir(), redisUrl: redis.url, env: {} });
    expect((await shared(dashboard.url)).reachable).toBe(true);
    expect(await redis.connectedClients()).toBe(before + 1);
    await dashboard.close();
    await expect.poll(() => redis.connectedClients()).toBe(before);

    const given = machine();
    const showing = await startForTest({ cache: given });
    expect((await shared(showing.url)).reachable).toBe(true);
    await showing.close();
    expect(await given.sharedStatus()).toMatchObject({ reachable: true });
    expect(await redis.connectedClients()).toBe(before + 1);
  });

  const browserRequirement = chromiumRequirement();

  it.skipIf(browserRequirement.skip)(
    'shows the reachable tier on the page: its address, entries and hits',
    async () => {
      const colleague = machine();
      await produce(colleague, 'Horror');
      await produce(colleague, 'Mystery');
      const dir = tempDir();
      await produce(machine(dir), 'Mystery');
      const dashboard = await startForTest({ cacheDir: dir, redisUrl: redis.url, env: {} });
      const expected = await shared(dashboard.url);
      expect(expected).toMatchObject({ reachable: true, hits_from_shared: 1 });
      const { browser, page, pageErrors } = await launchChromium(join(tempDir(), 'profile'));
      try {
        await page.goto(dashboard.url);
        await expect
          .poll(() => page.locator('#shared-tier').getAttribute('data-state'), { timeout: 10_000 })
          .toBe('reachable');
        expect(await page.locator('#shared-state').textContent()).toBe('reachable');
        expect(await page.locator('#shared-tier').getAttribute('data-entries')).toBe(String(expected.entries));
        expect(await page.locator('#shared-tier').getAttribute('data-hits')).toBe('1');
        expect(await page.locator('#shared-where').textContent()).toContain(redis.url);
        expect(await page.locator('#shared-figures').textContent()).toContain(`${expected.entries} entries`);
        expect(await page.locator('#shared-figures').textContent()).toContain('1 hit served from it');
        expect(await page.locator('#total-hit-rate-sub').textContent()).toContain('(1 from Redis)');
        await saveScreenshot(page, ARTIFACTS, 'dashboard-shared.png', false);
        expect(pageErrors).toEqual([]);
      } finally {
        await browser.close();
      }
    },
  );

  it.skipIf(browserRequirement.skip)(
    'shows an unreachable tier on the page with the reason, its password hidden',
    async () => {
      const url = await unusedRedisUrl('s3cret');
      const stderr = process.stderr.write;
      process.stderr.write = () => true;
      const { browser, page, pageErrors } = await launchChromium(join(tempDir(), 'profile'));
      try {
        const dashboard = await startForTest({ cacheDir: tempDir(), redisUrl: url });
        await page.goto(dashboard.url);
        await expect
          .poll(() => page.locator('#shared-tier').getAttribute('data-state'), { timeout: 10_000 })
          .toBe('unreachable');
        expect(await page.locator('#shared-state').textContent()).toBe('unreachable');
        expect(await page.locator('#shared-figures .shared-error').textContent()).toMatch(/ECONNREFUSED/);
        expect(await page.locator('#shared-where').textContent()).toContain(url.replace(':s3cret@', ':***@'));
        expect(await page.content()).not.toContain('s3cret');
        await saveScreenshot(page, ARTIFACTS, 'dashboard-shared-unreachable.png', false);
        expect(pageErrors).toEqual([]);
      } finally {
        await browser.close();
        process.stderr.write = stderr;
      }
    },
  );
});
