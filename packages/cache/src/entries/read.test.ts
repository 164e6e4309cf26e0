import { describe, expect, it } from 'vitest';
import { tempDir } from '@streamgank/testing';
import { createCache, silentLogger } from '../index.js';

const at = (genre: string) => ({ country: 'US', genre, platform: 'Netflix' });

describe('reading entries one after another', () => {
  it('serves each its own data, small or large, first read or already checked, in any order', () => {
    const dir = tempDir();
    const writer = createCache({ dir, logger: silentLogger, env: {} });
    // Sizes on both sides of the buffer a read reuses (1 MB), each with its own content.
    const data = Object.fromEntries(
      [10, 600_000, 1_500_000, 3_000, 2_200_000, 900_000].map((length, i) => [
        `Genre${i}`,
        { genre: `Genre${i}`, text: String.fromCharCode(97 + i).repeat(length), tail: i },
      ]),
    );
    for (const [genre, value] of Object.entries(data)) writer.save('script_result', at(genre), value);
    const order = Object.keys(data);
    for (const pass of [order, [...order].reverse(), [...order, ...order].sort()]) {
      const reader = createCache({ dir, logger: silentLogger, env: {} });
      for (const genre of pass) {
        const result = reader.load('script_result', at(genre));
        expect(result.status, genre).toBe('hit');
        expect(result.status === 'hit' && result.data, genre).toEqual(data[genre]);
      }
    }
  }, 60_000);
});
