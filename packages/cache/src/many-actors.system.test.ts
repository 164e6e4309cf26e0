import { tempDir } from '@streamgank/testing';
import { describe, expect, it } from 'vitest';
import { assertBuilt, DIST_ENTRY } from './test-support/children.js';
// @ts-expect-error -- plain JavaScript shared with tools/soak, run against the built package.
import { runManyActors } from './test-support/many-actors/run.mjs';

interface Summary {
  operations: Record<string, number>;
  hand: Record<string, number>;
  entries_checked: number;
  problems: unknown[];
}

describe('many hands on one cache directory', () => {
  assertBuilt();

  it(
    'four processes and an outside hand for 40 s: list and stats equal the files, every untouched entry loads with all its blobs, no torn read, nothing outside',
    { timeout: 180_000 },
    async () => {
      const summary = (await runManyActors({
        distEntry: DIST_ENTRY,
        root: tempDir('streamgank-actors-'),
        seconds: 40,
        actors: 4,
        seed: Date.now() % 1000,
      })) as Summary;
      expect(summary.problems).toEqual([]);
      // The run did what it says: every kind of operation happened, and the oracle checked entries.
      for (const operation of ['save', 'load_hit', 'clear', 'prune', 'verify_fix', 'import', 'export', 'restore']) {
        expect(summary.operations[operation] ?? 0, operation).toBeGreaterThan(0);
      }
      for (const act of ['renamed_over', 'copied_in', 'deleted', 'edited_in_place', 'garbage_in_place']) {
        expect(summary.hand[act] ?? 0, act).toBeGreaterThan(0);
      }
      expect(summary.entries_checked).toBeGreaterThan(0);
    },
  );
});
