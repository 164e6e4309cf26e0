import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { finished, runCli, spawnCli } from '../test-support/run-cli.js';
import { seedEntries } from '../test-support/seed-cache.js';
import { tempDir } from '@streamgank/testing';

/** Wait until the child has printed `pattern` on stdout, and return what it printed. */
function printed(child: ChildProcess, pattern: RegExp): Promise<string> {
  let text = '';
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (pattern.test(text)) resolve(text);
    });
    child.on('close', () => reject(new Error(`exited before printing ${pattern}: ${text}`)));
  });
}

function listening(server: Server): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)),
  );
}

describe('streamgank dashboard', () => {
  it('serves the cache, prints the URL and the token, and stops cleanly on SIGINT', async () => {
    const dir = tempDir();
    seedEntries(dir);
    const child = spawnCli(['--cache-dir', dir, 'dashboard', '--port', '0', '--token', 'test-token-123'], { cwd: dir });
    const done = finished(child);
    const output = await printed(child, /Token: +\S+\n/);
    const url = /Dashboard: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output)?.[1];
    expect(url).toBeDefined();
    expect(output).toMatch(/Token: +test-token-123\n/);

    const stats = (await (await fetch(new URL('api/stats', url))).json()) as { total_files: number };
    expect(stats.total_files).toBe(3);

    child.kill('SIGINT');
    const result = await done;
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('Stopping the dashboard (SIGINT).');
    await expect(fetch(url as string)).rejects.toThrow();
  });

  it('makes up a token when none is given', async () => {
    const dir = tempDir();
    const child = spawnCli(['--cache-dir', dir, 'dashboard', '--port', '0'], { cwd: dir });
    const done = finished(child);
    const output = await printed(child, /Token: +\S+\n/);
    expect(/Token: +(\S+)/.exec(output)?.[1]?.length).toBeGreaterThanOrEqual(32);
    child.kill('SIGTERM');
    expect((await done).code).toBe(0);
  });

  it('takes the token from STREAMGANK_DASHBOARD_TOKEN in .env', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, '.env'), 'STREAMGANK_DASHBOARD_TOKEN=from-dot-env\n');
    const child = spawnCli(['--cache-dir', dir, 'dashboard', '--port', '0'], { cwd: dir });
    const done = finished(child);
    expect(await printed(child, /Token: +\S+\n/)).toMatch(/Token: +from-dot-env\n/);
    child.kill('SIGINT');
    expect((await done).code).toBe(0);
  });

  it('exits 1 with one line when the port is taken, saying to pass --port', async () => {
    const blocker = createServer();
    const port = await listening(blocker);
    try {
      const dir = tempDir();
      const result = await runCli(['--cache-dir', dir, 'dashboard', '--port', String(port)], { cwd: dir });
      expect(result.code).toBe(1);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toContain(`Port ${port} on 127.0.0.1 is already in use`);
      expect(result.stderr).toContain('--port');
    } finally {
      blocker.close();
    }
  });

  it('refuses an empty token with exit 2', async () => {
    const dir = tempDir();
    const result = await runCli(['--cache-dir', dir, 'dashboard', '--port', '0', '--token', ''], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'streamgank: error: Invalid --token "": expected a non-empty string without spaces (or none, for a random one).\n',
    );
  });

  it('refuses a port that is not a port with exit 2', async () => {
    const dir = tempDir();
    const result = await runCli(['--cache-dir', dir, 'dashboard', '--port', '70000'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("argument '70000' is invalid. Use a whole number from 0 to 65535");
  });
});
