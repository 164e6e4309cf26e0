import { describe, expect, it } from 'vitest';
import { mapLimit } from './concurrency.js';

/** A call that finishes when the test says so, recording what ran. */
function gate() {
  const started: number[] = [];
  const release = new Map<number, (outcome: Error | undefined) => void>();
  let running = 0;
  let mostAtOnce = 0;
  const call = (item: number) =>
    new Promise<number>((resolve, reject) => {
      started.push(item);
      running += 1;
      mostAtOnce = Math.max(mostAtOnce, running);
      release.set(item, (outcome) => {
        running -= 1;
        if (outcome) reject(outcome);
        else resolve(item * 10);
      });
    });
  const finish = async (item: number, outcome?: Error) => {
    await expect.poll(() => release.has(item)).toBe(true);
    release.get(item)?.(outcome);
  };
  return { call, finish, started, mostAtOnce: () => mostAtOnce, running: () => running };
}

describe('mapLimit', () => {
  it('keeps the order of the items and never runs more than the limit at once', async () => {
    const { call, finish, mostAtOnce } = gate();
    const result = mapLimit([1, 2, 3, 4, 5], 2, call);
    for (const item of [2, 1, 4, 3, 5]) await finish(item);
    await expect(result).resolves.toEqual([10, 20, 30, 40, 50]);
    expect(mostAtOnce()).toBe(2);
  });

  it('starts nothing new after a failure, and throws the first error once the calls in flight have settled', async () => {
    const { call, finish, started, running } = gate();
    let settled = false;
    const result = mapLimit([1, 2, 3, 4], 2, call).finally(() => (settled = true));
    const outcome = result.catch((error: unknown) => error);
    await finish(1, new Error('poster 1 failed'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(started).toEqual([1, 2]);
    expect(settled).toBe(false);
    await finish(2, new Error('poster 2 failed too'));
    expect(((await outcome) as Error).message).toBe('poster 1 failed');
    expect(running()).toBe(0);
    expect(started).toEqual([1, 2]);
  });

  it('maps an empty list to an empty list', async () => {
    await expect(mapLimit([], 2, async () => 1)).resolves.toEqual([]);
  });
});
