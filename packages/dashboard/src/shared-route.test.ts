import { describe, expect, it } from 'vitest';
import type { SharedStatus } from '@streamgank/cache';
import { expectRefusal } from './test-support/assertions.js';
import { buildFixtureCache, openCache } from './test-support/fixture-cache.js';
import { startForTest } from './test-support/fixture-dashboard.js';
import { unusedRedisUrl, tempDir } from '@streamgank/testing';
import { send } from './test-support/http-client.js';

/** The cache warns once on stderr when its Redis is down; keep what it wrote, out of the test output. */
async function capturingStderr<T>(run: () => Promise<T>): Promise<{ result: T; written: string }> {
  const original = process.stderr.write;
  let written = '';
  process.stderr.write = ((chunk: string | Uint8Array) => {
    written += String(chunk);
    return true;
  }) as typeof process.stderr.write;
  try {
    return { result: await run(), written };
  } finally {
    process.stderr.write = original;
  }
}

const getShared = async (base: string) => {
  const started = performance.now();
  const response = await send(base, { path: '/api/shared' });
  return { response, status: response.json() as SharedStatus, ms: performance.now() - started };
};

describe('GET /api/shared', () => {
  it('says the shared tier is not configured when no Redis URL is given', async () => {
    const fixture = await buildFixtureCache(tempDir());
    const dashboard = await startForTest({ cacheDir: fixture.dir });
    const { response, status } = await getShared(dashboard.url);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(status).toEqual({ configured: false, reachable: false, hits_from_shared: 0, rejected_values: 0 });
    const stats = (await send(dashboard.url, { path: '/api/stats' })).json();
    expect(stats).toEqual(openCache(fixture.dir).stats());
  });

  it('reports a Redis that is not running as unreachable with the reason, quickly, never showing the password', async () => {
    const fixture = await buildFixtureCache(tempDir());
    const url = await unusedRedisUrl('s3cret');
    const { result: dashboard, written } = await capturingStderr(async () => {
      const started = await startForTest({ cacheDir: fixture.dir, redisUrl: url });
      const first = await getShared(started.url);
      expect(first.response.status).toBe(200);
      expect(first.ms).toBeLessThan(2000);
      expect(first.status).toMatchObject({
        configured: true,
        kind: 'redis',
        url: url.replace(':s3cret@', ':***@'),
        key_prefix: 'streamgank:',
        reachable: false,
        hits_from_shared: 0,
        rejected_values: 0,
      });
      expect(first.status.entries).toBeUndefined();
      expect(first.status.error).toMatch(/ECONNREFUSED/);
      expect(first.response.text()).not.toContain('s3cret');
      const again = await getShared(started.url);
      expect(again.ms).toBeLessThan(2000);
      expect(again.status.reachable).toBe(false);
      return started;
    });
    expect(written).not.toContain('s3cret');
    const stats = await send(dashboard.url, { path: '/api/stats' });
    expect(stats.status).toBe(200);
    expect(stats.json()).toEqual(openCache(fixture.dir).stats());
    expect((await send(dashboard.url, { path: '/api/entries' })).status).toBe(200);
  });

  it('takes the Redis URL from STREAMGANK_REDIS_URL in the environment, and an empty redisUrl turns it off', async () => {
    const url = await unusedRedisUrl();
    const fromEnv = await startForTest({ cacheDir: tempDir(), env: { STREAMGANK_REDIS_URL: url } });
    const { status } = await capturingStderr(() => getShared(fromEnv.url)).then(({ result }) => result);
    expect(status).toMatchObject({ configured: true, url, reachable: false });
    const off = await startForTest({ cacheDir: tempDir(), redisUrl: '', env: { STREAMGANK_REDIS_URL: url } });
    expect((await getShared(off.url)).status.configured).toBe(false);
  });

  it('answers GET and HEAD only', async () => {
    const dashboard = await startForTest({ cacheDir: tempDir() });
    expect((await send(dashboard.url, { method: 'HEAD', path: '/api/shared' })).status).toBe(200);
    const post = await send(dashboard.url, {
      method: 'POST',
      path: '/api/shared',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    expectRefusal(post, 405);
    expect(post.headers['allow']).toBe('GET, HEAD');
  });
});
