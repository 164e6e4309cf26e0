import { describe, expect, it } from 'vitest';
import { toMegabytes } from './quantities.js';

/** The rule as written first: megabytes rounded to hundredths. */
const reference = (bytes: number) => Math.round((bytes / 1024 ** 2) * 100) / 100;

describe('toMegabytes', () => {
  it('rounds to hundredths of a megabyte exactly as the plain formula does', () => {
    const edges = [
      0,
      1,
      5242,
      5243,
      10_485,
      10_486,
      1024 ** 2,
      21_000_000,
      21_000_001,
      21_474_837,
      2 ** 31,
      5e9,
      12.5,
      5242.9,
      -1,
    ];
    const halves = Array.from({ length: 200 }, (_, i) => Math.round(((i + 0.5) * 1024 ** 2) / 100));
    let seed = 7;
    const random = Array.from({ length: 5000 }, () => {
      seed = (seed * 48_271) % 2_147_483_647;
      return seed % 30_000_000;
    });
    for (const bytes of [...edges, ...halves, ...halves.map((b) => b - 1), ...random]) {
      expect(toMegabytes(bytes), `${bytes} bytes`).toBe(reference(bytes));
    }
  });
});
