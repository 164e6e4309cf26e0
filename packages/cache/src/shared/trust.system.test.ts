import { redisRequirement } from '@streamgank/testing';
import { describe, expect, it } from 'vitest';
import { entryKey, freshPrefix, machine, params, randomFile, sharedRedisHarness } from '../test-support/shared-tier.js';

const { skip } = redisRequirement();
const TEAM_KEY = 'team-key-0123456789abcdef';
const OTHER_KEY = 'someone-else-0123456789abcdef';

describe.skipIf(skip)('trusting the shared tier', () => {
  const { track, server } = sharedRedisHarness();

  async function publish(keyPrefix: string, sharedKey?: string) {
    const first = track(machine(server().redis.url, { redis: { keyPrefix }, ...(sharedKey && { sharedKey }) }));
    const poster = randomFile(5000, 'poster.png');
    return first.getOrCreate('assets', params, async (ctx) => ({
      poster: (await ctx.putBlob(poster.path, 'image/png')).sha256,
    }));
  }

  const mustNotRun = () => {
    throw new Error('produced although the shared tier had a trusted entry');
  };

  it('with a team key, signs what it publishes and serves what is signed with that key', async () => {
    const keyPrefix = freshPrefix();
    const saved = await publish(keyPrefix, TEAM_KEY);
    const signature = await server().raw.hget(entryKey(keyPrefix, saved.file), 'sig');
    expect(signature).toMatch(/^hmac-sha256:[0-9a-f]{64}$/);

    const second = track(machine(server().redis.url, { redis: { keyPrefix }, sharedKey: TEAM_KEY }));
    expect(await second.getOrCreate('assets', params, mustNotRun)).toMatchObject({ source: 'hit', data: saved.data });
    expect(second.logger.warnings).toEqual([]);
    expect(await second.sharedStatus()).toMatchObject({ signed: true, mode: 'readwrite' });
  });

  it.each([
    ['signed with another key', OTHER_KEY, 'signed with another key'],
    ['not signed at all', undefined, 'not signed with the team key'],
  ])('ignores an entry %s, with one warning, and produces', async (_label, publisherKey, why) => {
    const keyPrefix = freshPrefix();
    await publish(keyPrefix, publisherKey);
    const second = track(machine(server().redis.url, { redis: { keyPrefix }, sharedKey: TEAM_KEY }));
    const local = randomFile(100, 'local.png');
    const produce = async (ctx: { putBlob(path: string, type: string): Promise<{ sha256: string }> }) => ({
      poster: (await ctx.putBlob(local.path, 'image/png')).sha256,
    });
    expect((await second.getOrCreate('assets', params, produce)).source).toBe('produced');
    expect(second.logger.warnings).toHaveLength(1);
    expect(second.logger.warnings[0]).toContain(why);
    expect(await second.sharedStatus()).toMatchObject({ rejected_values: 1 });
  });

  it('refuses an entry forged by someone who can write to Redis but has no key', async () => {
    const keyPrefix = freshPrefix();
    const saved = await publish(keyPrefix, TEAM_KEY);
    const key = entryKey(keyPrefix, saved.file);
    const bytes = (await server().raw.hgetBuffer(key, '0')) as Buffer;
    const forged = JSON.parse(bytes.toString());
    forged.data.poster = forged.data.poster.replace(/^./, (c: string) => (c === 'a' ? 'b' : 'a'));
    // The forger rewrites the data and its checksum so the entry is self-consistent; only the signature can tell.
    const { createHash } = await import('node:crypto');
    const text = JSON.stringify(forged.data, null, 2).replace(/\n/g, '\n  ');
    forged.metadata.data_sha256 = createHash('sha256').update(text).digest('hex');
    const forgedBytes = Buffer.from(JSON.stringify(forged, null, 2) + '\n');
    await server().raw.hset(
      key,
      '0',
      forgedBytes,
      'meta',
      JSON.stringify({ bytes: forgedBytes.length, chunks: 1, chunk_bytes: 1024 * 1024 }),
    );

    const second = track(machine(server().redis.url, { redis: { keyPrefix }, sharedKey: TEAM_KEY }));
    const result = await second.getOrCreate('assets', params, () => ({ poster: 'made here' }));
    expect(result).toMatchObject({ source: 'produced', data: { poster: 'made here' } });
    expect(second.logger.warnings.join('\n')).toContain('signed with another key');
  });

  it('read-only sharing reads the team’s entries and never writes a key to Redis', async () => {
    const keyPrefix = freshPrefix();
    const saved = await publish(keyPrefix, TEAM_KEY);
    const before = (await server().raw.keys(`${keyPrefix}*`)).sort();

    const pullRequest = track(
      machine(server().redis.url, { redis: { keyPrefix }, sharedKey: TEAM_KEY, sharedMode: 'readonly' }),
    );
    expect(await pullRequest.getOrCreate('assets', params, mustNotRun)).toMatchObject({
      source: 'hit',
      data: saved.data,
    });
    const local = randomFile(100, 'local.png');
    const produced = await pullRequest.getOrCreate('assets', { ...params, genre: 'Comedy' }, async (ctx) => ({
      poster: (await ctx.putBlob(local.path, 'image/png')).sha256,
    }));
    expect(produced).toMatchObject({ source: 'produced', saved: true });
    expect((await server().raw.keys(`${keyPrefix}*`)).sort()).toEqual(before);
    expect(await pullRequest.sharedStatus()).toMatchObject({ mode: 'readonly' });
  });

  it('reads the mode and the key from STREAMGANK_SHARED_MODE and STREAMGANK_SHARED_KEY', async () => {
    const keyPrefix = freshPrefix();
    const cache = track(
      machine(server().redis.url, {
        redis: { keyPrefix },
        env: { STREAMGANK_SHARED_MODE: 'readonly', STREAMGANK_SHARED_KEY: TEAM_KEY },
      }),
    );
    expect(await cache.sharedStatus()).toMatchObject({ mode: 'readonly', signed: true });
    expect(() => machine(server().redis.url, { env: { STREAMGANK_SHARED_MODE: 'sometimes' } })).toThrow(
      /STREAMGANK_SHARED_MODE "sometimes": expected readwrite or readonly/,
    );
  });
});
