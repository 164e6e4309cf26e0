import { describe, expect, it } from 'vitest';
import { formatBytes, formatDuration } from './format.js';

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [512, '512 B'],
    [1024, '1 KB'],
    [1434, '1.4 KB'],
    [24_222_106, '23.1 MB'],
    [5 * 1024 ** 3, '5 GB'],
  ])('writes %d bytes as %j, in the binary units --max-size reads', (value, text) => {
    expect(formatBytes(value)).toBe(text);
  });
});

describe('formatDuration', () => {
  it.each([
    [100, '0.1 s'],
    [48_100, '48.1 s'],
    [192_000, '3 min 12 s'],
    [3_900_000, '1 h 5 min'],
  ])('writes %d ms as %j', (value, text) => {
    expect(formatDuration(value)).toBe(text);
  });
});
