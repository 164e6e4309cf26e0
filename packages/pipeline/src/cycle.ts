/** The item at `index`, wrapping around: deterministic picks from a fixed, non-empty list. */
export function cycle<T>(items: readonly T[], index: number): T {
  const item = items[Math.abs(index) % items.length];
  if (item === undefined) throw new RangeError('cycle() needs a non-empty list');
  return item;
}
