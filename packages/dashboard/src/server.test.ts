import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createCache, silentLogger, type Cache } from '@streamgank/cache';
import { DashboardError, InvalidDashboardOptionError, PortInUseError, startDashboard } from './index.js';
import { expectRefusal } from './test-support/assertions.js';
import { openCache } from './test-support/fixture-cache.js';
import { fixtureDashboard, startForTest, TEST_TOKEN } from './test-support/fixture-dashboard.js';
import { send } from './test-support/http-client.js';
import { tempDir } from '@streamgank/testing';

describe('startDashboard', () => {
  it('listens on 127.0.0.1 by default and reports its URL', async () => {
    const dashboard = await startForTest({ cacheDir: tempDir() });
    expect(dashboard.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(dashboard.host).toBe('127.0.0.1');
    const response = await send(dashboard.url, { path: '/api/stats' });
    expect(response.status).toBe(200);
    expect((response.json() as { total_files: number }).total_files).toBe(0);
  });

  it('makes a different random token for every start unless one is given', async () => {
    const dir = tempDir();
    const first = await startForTest({ cacheDir: dir });
    const second = await startForTest({ cacheDir: dir });
    expect(first.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(second.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(first.token).not.toBe(second.token);
    const given = await startForTest({ cacheDir: dir, token: TEST_TOKEN });
    expect(given.token).toBe(TEST_TOKEN);
  });

  it('refuses a port already in use with a PortInUseError that says to pass --port', async () => {
    const first = await startForTest({ cacheDir: tempDir() });
    const port = Number(new URL(first.url).port);
    const attempt = startDashboard({ cacheDir: tempDir(), port });
    await expect(attempt).rejects.toBeInstanceOf(PortInUseError);
    const error = (await attempt.catch((e: unknown) => e)) as PortInUseError;
    expect(error).toBeInstanceOf(DashboardError);
    expect(error.code).toBe('PORT_IN_USE');
    expect(error.port).toBe(port);
    expect(error.message).toContain(String(port));
    expect(error.message).toContain('--port');
  });

  it('reports a port held by another program the same way', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      await expect(startDashboard({ cacheDir: tempDir(), port })).rejects.toThrow(new RegExp(`Port ${port} .*--port`));
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('refuses options that cannot work', async () => {
    await expect(startDashboard({ cacheDir: tempDir(), port: 70_000 })).rejects.toBeInstanceOf(
      InvalidDashboardOptionError,
    );
    await expect(startDashboard({ cacheDir: tempDir(), port: 1.5 })).rejects.toThrow(/--port/);
    await expect(startDashboard({ cacheDir: tempDir(), port: 0, token: '' })).rejects.toThrow(/--token/);
    await expect(startDashboard({ cacheDir: tempDir(), port: 0, token: 'has space' })).rejects.toThrow(/--token/);
  });

  it('frees its port on close, and closing twice is harmless', async () => {
    const dashboard = await startDashboard({ cacheDir: tempDir(), port: 0 });
    const port = Number(new URL(dashboard.url).port);
    await dashboard.close();
    await dashboard.close();
    const again = await startForTest({ cacheDir: tempDir(), port });
    expect(again.url).toContain(`:${port}/`);
  });

  it('shows an open cache when one is given', async () => {
    const dir = tempDir();
    const cache = openCache(dir);
    cache.save('script_result', { country: 'US', genre: 'Horror', platform: 'Netflix' }, { ok: true });
    const dashboard = await startForTest({ cache });
    const body = (await send(dashboard.url, { path: '/api/entries' })).json() as { total_count: number };
    expect(body.total_count).toBe(1);
  });

  it('answers an internal failure with a short 500, never the stack or the paths in it', async () => {
    const real = createCache({ dir: tempDir(), logger: silentLogger });
    const failing: Cache = Object.create(real) as Cache;
    failing.stats = () => {
      throw new Error('EACCES: permission denied, open /secret/place/index.json');
    };
    const stderr = process.stderr.write;
    process.stderr.write = () => true;
    try {
      const dashboard = await startForTest({ cache: failing });
      const response = await send(dashboard.url, { path: '/api/stats' });
      const message = expectRefusal(response, 500);
      expect(message).not.toContain('/secret');
      expect(message).not.toContain('EACCES');
    } finally {
      process.stderr.write = stderr;
    }
  });

  it('answers 404 for a route it does not have', async () => {
    const { base } = await fixtureDashboard();
    expectRefusal(await send(base, { path: '/api/nothing' }), 404);
    expectRefusal(await send(base, { path: '/index.html' }), 404);
    expectRefusal(await send(base, { path: '/api' }), 404);
  });
});
