import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCache, silentLogger } from './index.js';
import { assertBuilt, exitOf, spawnChild } from './test-support/children.js';
import { tempDir } from '@streamgank/testing';

const KILLS = Number(process.env['STREAMGANK_CRASH_KILLS'] ?? 200);

function waitForReady(child: ReturnType<typeof spawnChild>): Promise<void> {
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`writer exited early (${code})`)));
  });
}

describe('a writer killed with SIGKILL at random points', () => {
  beforeAll(assertBuilt);

  it(`leaves every entry whole or absent, ${KILLS} times over`, { timeout: 600_000 }, async () => {
    const dir = join(tempDir(), 'cache');
    const reader = createCache({ dir, logger: silentLogger, env: {} });
    let seen = 0;
    for (let kill = 0; kill < KILLS; kill += 1) {
      const child = spawnChild('crash-writer.mjs', [dir, String(kill + 1)]);
      const exit = exitOf(child);
      await waitForReady(child);
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 40));
      child.kill('SIGKILL');
      expect((await exit).signal).toBe('SIGKILL');

      for (const listed of reader.list().files) {
        const inspected = reader.inspect(listed.filename);
        if (!inspected) continue;
        expect(inspected.status, `${listed.filename} after kill ${kill}: ${inspected.problem}`).not.toBe('corrupt');
        const data = inspected.data as { payload: string; check: number };
        expect(data.payload.length).toBe(data.check);
        seen += 1;
      }
    }
    expect(seen).toBeGreaterThan(0);

    const report = await reader.verify();
    expect(report.corrupt_entries).toEqual([]);
    expect(report.corrupt_blobs).toEqual([]);
    expect(report.missing_blobs).toEqual([]);
    const fixed = await reader.verify({ fix: true });
    expect(fixed.temp_files.every((temp) => temp.removed)).toBe(true);
    const leftovers = readdirSync(dir).filter((name) => name.endsWith('.tmp'));
    expect(leftovers).toEqual([]);
  });
});
