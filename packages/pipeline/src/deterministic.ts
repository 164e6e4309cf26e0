import { createHash } from 'node:crypto';

/** A number that depends only on `parts`: the same job always gets the same phrasing, chord or pattern. */
export function stableNumber(...parts: readonly (string | number)[]): number {
  return createHash('sha256').update(parts.join('\0')).digest().readUInt32BE(0);
}

/** The item at `index`, wrapping around: deterministic picks from a fixed, non-empty list. */
export function cycle<T>(items: readonly T[], index: number): T {
  const item = items[Math.abs(index) % items.length];
  if (item === undefined) throw new RangeError('cycle() needs a non-empty list');
  return item;
}
