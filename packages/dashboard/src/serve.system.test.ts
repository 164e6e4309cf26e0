import type { ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import type { SharedStatus } from '@streamgank/cache';
import { buildFixtureCache } from './test-support/fixture-cache.js';
import { startForTest } from './test-support/fixture-dashboard.js';
import { unusedRedisUrl, tempDir } from '@streamgank/testing';
import { send } from './test-support/http-client.js';
import { startServeProcess } from './test-support/serve-process.js';

const children: ChildProcess[] = [];

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

function startServe(args: string[], env: NodeJS.ProcessEnv = {}) {
  const serve = startServeProcess(args, env);
  children.push(serve.child);
  return serve;
}

describe('serve (nx run dashboard:serve)', () => {
  it('serves the cache named by --cache-dir, prints URL and token, and stops cleanly on SIGTERM', async () => {
    const fixture = await buildFixtureCache(tempDir());
    const serve = startServe(['--port', '0', '--cache-dir', fixture.dir]);
    const { url, token } = await serve.started;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const stats = (await send(url, { path: '/api/stats' })).json() as { total_files: number };
    expect(stats.total_files).toBe(7);
    const cleared = await send(url, {
      method: 'POST',
      path: '/api/clear',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({ file: fixture.files.script }),
    });
    expect(cleared.status).toBe(200);
    expect(fixture.cache.list().total_count).toBe(6);
    serve.child.kill('SIGTERM');
    expect(await serve.exited).toBe(0);
  });

  it('shows the shared tier named by --redis-url, else by STREAMGANK_REDIS_URL', async () => {
    const flagged = await unusedRedisUrl('s3cret');
    const fromFlag = startServe(['--port', '0', '--cache-dir', tempDir(), '--redis-url', flagged]);
    const shared = async (url: string) => (await send(url, { path: '/api/shared' })).json() as SharedStatus;
    expect(await shared((await fromFlag.started).url)).toMatchObject({
      configured: true,
      reachable: false,
      url: flagged.replace(':s3cret@', ':***@'),
    });
    const inEnv = await unusedRedisUrl();
    const fromEnv = startServe(['--port', '0', '--cache-dir', tempDir()], { STREAMGANK_REDIS_URL: inEnv });
    expect(await shared((await fromEnv.started).url)).toMatchObject({ configured: true, reachable: false, url: inEnv });
    for (const serve of [fromFlag, fromEnv]) {
      serve.child.kill('SIGTERM');
      expect(await serve.exited).toBe(0);
    }
    expect(fromFlag.output().stdout + fromFlag.output().stderr).not.toContain('s3cret');
  });

  it('exits 1 with one line telling to pass --port when the port is taken', async () => {
    const running = await startForTest({ cacheDir: tempDir() });
    const port = new URL(running.url).port;
    const serve = startServe(['--port', port, '--cache-dir', tempDir()]);
    serve.started.catch(() => undefined);
    expect(await serve.exited).toBe(1);
    const { stderr } = serve.output();
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain(`Port ${port}`);
    expect(stderr).toContain('--port');
  });

  it('exits 1 on a bad flag, naming it', async () => {
    const serve = startServe(['--port', 'eighty']);
    serve.started.catch(() => undefined);
    expect(await serve.exited).toBe(1);
    expect(serve.output().stderr).toContain('Invalid --port "eighty"');
  });
});
