import { describe, expect, it, beforeAll } from 'vitest';
import { tempDir } from '@streamgank/testing';
import { assertBuilt, exitOf, spawnChild } from './test-support/children.js';

describe('what a process that imports the package loads', () => {
  beforeAll(assertBuilt);

  it('loads no CommonJS library for local work, and the circuit breaker only with a shared tier', async () => {
    const result = await exitOf(spawnChild('module-loads-worker.mjs', [tempDir()]));
    expect(result, result.stderr).toMatchObject({ code: 0 });
    const { local, shared } = JSON.parse(result.stdout) as { local: string[]; shared: string[] };
    // Imported as ES modules, CommonJS files are scanned for their exports first, and V8 compiled
    // that scanner in the background while the process listed its cache.
    expect(local).toEqual([]);
    expect(shared.some((path) => path.includes('/cockatiel/'))).toBe(true);
  });
});
