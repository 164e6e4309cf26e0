import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '@streamgank/testing';
import { describe, expect, it } from 'vitest';
import { CacheBusyError, createCache, silentLogger } from '../index.js';
import { assertBuilt, exitOf, spawnChild } from '../test-support/children.js';

function holder(dir: string, holdMs: number) {
  const child = spawnChild('lock-holder.mjs', [join(dir, '.streamgank', 'locks'), String(holdMs)]);
  const exited = exitOf(child);
  const held = new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('held')) resolve();
    });
    void exited.then((result) => reject(new Error(`the holder exited first: ${result.stderr}`)));
  });
  return { child, held, exited };
}

describe('the housekeeping lock between processes', () => {
  assertBuilt();

  it('makes a clear wait for another process, then say who holds it', async () => {
    const dir = tempDir();
    const cache = createCache({ dir, logger: silentLogger, env: {}, lockWaitMs: 300 });
    cache.save('assets', { country: 'US', genre: 'Horror', platform: 'Netflix' }, { a: 1 });
    const other = holder(dir, 30_000);
    await other.held;
    try {
      let error: unknown;
      try {
        cache.clear();
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(CacheBusyError);
      expect((error as Error).message).toContain(`process ${other.child.pid}`);
      expect(cache.list().total_count).toBe(1);
    } finally {
      other.child.kill('SIGKILL');
      await other.exited;
    }
  });

  it('takes over at once from a holder that died, and never removes a live holder’s lock', async () => {
    const dir = tempDir();
    const locks = join(dir, '.streamgank', 'locks');
    const cache = createCache({ dir, logger: silentLogger, env: {}, lockWaitMs: 100 });
    cache.save('assets', { country: 'US', genre: 'Horror', platform: 'Netflix' }, { a: 1 });

    const dead = holder(dir, 60_000);
    await dead.held;
    dead.child.kill('SIGKILL');
    await dead.exited;
    expect(readdirSync(locks)).toContain(`housekeeping#${dead.child.pid}.lock`);
    expect(cache.clear().removed).toEqual(['assets_us_horror_netflix.json']);
    expect(readdirSync(locks).filter((name) => name.startsWith('housekeeping'))).toEqual([]);

    // A live holder's lock file stays whatever another process does, until it releases it itself.
    const live = holder(dir, 5000);
    await live.held;
    expect(() => cache.prune({ maxAge: '1d' })).toThrow(CacheBusyError);
    expect(readdirSync(locks)).toContain(`housekeeping#${live.child.pid}.lock`);
    const result = await live.exited;
    expect(result.stdout).toContain('released');
    expect(readdirSync(locks).filter((name) => name.startsWith('housekeeping'))).toEqual([]);
    expect(cache.prune({ maxAge: '1d' }).removed).toEqual([]);
  });
});
