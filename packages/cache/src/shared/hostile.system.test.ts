import { redisRequirement } from '@streamgank/testing';
import { describe, expect, it } from 'vitest';
import {
  blobKey,
  entryKey,
  freshPrefix,
  machine,
  params,
  randomFile,
  sharedRedisHarness,
} from '../test-support/shared-tier.js';

const { skip } = redisRequirement();

type Damage = (
  raw: ReturnType<ReturnType<typeof sharedRedisHarness>['server']>['raw'],
  key: string,
) => Promise<unknown>;

const meta = (value: unknown) => (raw: Parameters<Damage>[0], key: string) =>
  raw.hset(key, 'meta', typeof value === 'string' ? value : JSON.stringify(value));

/** Every field of a value, garbage in turn: each must be a miss with one warning, quickly, and nothing promoted. */
const damages: [string, Damage][] = [
  ['a chunk count of a billion for ten bytes', meta({ bytes: 10, chunks: 1_000_000_000, chunk_bytes: 1024 })],
  [
    'a chunk count of a billion, with a size to match',
    meta({ bytes: 1_000_000_000_000, chunks: 1_000_000_000, chunk_bytes: 1000 }),
  ],
  ['a size over the limit', meta({ bytes: 10 * 1024 ** 3, chunks: 10, chunk_bytes: 1024 ** 3 })],
  ['a negative size', meta({ bytes: -5, chunks: 1, chunk_bytes: 1024 })],
  ['fractional counts', meta({ bytes: 10.5, chunks: 1.5, chunk_bytes: 1024 })],
  ['strings for numbers', meta({ bytes: '10', chunks: '1', chunk_bytes: '1024' })],
  ['an array for meta', meta([10, 1, 1024])],
  ['meta that is not JSON', meta('{"bytes": 10, "chunks"')],
  ['a huge meta field', meta('x'.repeat(1024 * 1024))],
  ['a chunk size of zero', meta({ bytes: 10, chunks: 10, chunk_bytes: 0 })],
  ['a chunk missing', async (raw, key) => raw.hdel(key, '0')],
  ['a chunk longer than meta says', async (raw, key) => raw.hset(key, '0', Buffer.alloc(5 * 1024 * 1024))],
  ['a chunk shorter than meta says', async (raw, key) => raw.hset(key, '0', Buffer.from('short'))],
  ['another kind of Redis value under the key', async (raw, key) => raw.del(key).then(() => raw.set(key, 'a string'))],
  ['a signature field that is huge', async (raw, key) => raw.hset(key, 'sig', 'x'.repeat(1024 * 1024))],
];

describe.skipIf(skip)('hostile values in the shared tier', () => {
  const { track, server } = sharedRedisHarness();

  async function published(keyPrefix: string) {
    const first = track(machine(server().redis.url, { redis: { keyPrefix, chunkBytes: 4096 } }));
    const poster = randomFile(20_000, 'poster.png');
    const saved = await first.getOrCreate('assets', params, async (ctx) => ({
      poster: (await ctx.putBlob(poster.path, 'image/png')).sha256,
    }));
    return saved;
  }

  for (const target of ['entry', 'blob'] as const) {
    it.each(damages)(`a ${target} with %s is a miss with one warning, never a hang`, async (label, damage) => {
      const keyPrefix = freshPrefix();
      const saved = await published(keyPrefix);
      const key = target === 'entry' ? entryKey(keyPrefix, saved.file) : blobKey(keyPrefix, saved.data.poster);
      await damage(server().raw, key);

      const second = track(machine(server().redis.url, { redis: { keyPrefix, readDeadlineMs: 20_000 } }));
      const local = randomFile(100, 'local.png');
      const started = performance.now();
      const result = await second.getOrCreate('assets', params, async (ctx) => ({
        poster: (await ctx.putBlob(local.path, 'image/png')).sha256,
      }));
      const elapsed = performance.now() - started;
      const signatureOnly = label === 'a signature field that is huge';
      if (signatureOnly) {
        // Without a team key a signature is not looked at; the value itself is good.
        expect(result.source).toBe('hit');
        return;
      }
      expect(result.source).toBe('produced');
      expect(second.logger.warnings, label).toHaveLength(1);
      expect(second.logger.warnings[0]).toContain('holds a bad');
      // Refused from its shape, never by running into the read deadline (or past it).
      expect(elapsed, label).toBeLessThan(10_000);
      expect(second.stats().hits_by_tier).toEqual({});
      // The tier is still used afterwards: a bad value is not an outage.
      expect(await second.sharedStatus()).toMatchObject({ reachable: true });
    });
  }
});
