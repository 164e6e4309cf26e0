import { beforeAll, describe, expect, it } from 'vitest';
import { createCache, silentLogger } from './index.js';
import { assertBuilt, exitOf, spawnChild } from './test-support/children.js';
import { tempDir } from '@streamgank/testing';

describe('several processes on the same keys at once', () => {
  beforeAll(assertBuilt);

  it('never see an error or a torn read, and leave whole entries', { timeout: 120_000 }, async () => {
    const dir = tempDir();
    const workers = Array.from({ length: 6 }, (_, id) =>
      exitOf(spawnChild('concurrent-worker.mjs', [dir, String(id + 1), '400'])),
    );
    const results = await Promise.all(workers);
    for (const result of results) expect(result, result.stderr).toMatchObject({ code: 0 });
    const reads = results.map((result) => JSON.parse(result.stdout) as { reads: number; hits: number });
    expect(reads.reduce((sum, r) => sum + r.hits, 0)).toBeGreaterThan(100);

    const cache = createCache({ dir, logger: silentLogger, env: {} });
    const report = await cache.verify();
    expect(report).toMatchObject({ healthy: true, checked_entries: 6 });
    expect(cache.list().total_count).toBe(6);
    const stats = cache.stats();
    expect(stats.corrupt_reads).toBe(0);
    // Each worker's activity is buffered and appended as it goes and when it exits: none is lost.
    expect(stats.hits).toBeGreaterThanOrEqual(reads.reduce((sum, r) => sum + r.hits, 0));
  });
});
