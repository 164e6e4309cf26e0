import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createCache, silentLogger } from '../index.js';
import { redisRequirement, unusedRedisUrl, tempDir } from '@streamgank/testing';
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

function blobFiles(dir: string): string[] {
  const root = join(dir, 'blobs', 'sha256');
  if (!existsSync(root)) return [];
  return readdirSync(root).flatMap((fan) => readdirSync(join(root, fan)));
}

describe.skipIf(skip)('the Redis shared tier', () => {
  const { track, server } = sharedRedisHarness();

  it('serves a second machine from Redis: entries promoted to its directory, blobs restored and verified', async () => {
    const keyPrefix = freshPrefix();
    const redisOptions = { redis: { keyPrefix, chunkBytes: 64 * 1024 } };
    const first = track(machine(server().redis.url, redisOptions));
    const poster = randomFile(200_000, 'poster.png');
    const clip = randomFile(3 * 1024 * 1024 + 5, 'clip.mp4');
    const schema = z.object({ poster: z.string(), clip: z.string() });
    const assets = await first.getOrCreate(
      'assets',
      params,
      async (ctx) => {
        ctx.setProducer('ffmpeg');
        return {
          poster: (await ctx.putBlob(poster.path, 'image/png')).sha256,
          clip: (await ctx.putBlob(clip.path, 'video/mp4')).sha256,
        };
      },
      { inputs: { num_movies: 3 }, schema },
    );
    const script = await first.getOrCreate('script_result', params, () => ({ combined_script: 'Dare to dive in.' }), {
      inputs: { model: 'm1' },
    });
    expect([assets.source, script.source]).toEqual(['produced', 'produced']);
    expect(first.logger.warnings).toEqual([]);

    const second = track(machine(server().redis.url, redisOptions));
    const mustNotRun = () => {
      throw new Error('the second machine produced although Redis had the entry');
    };
    const fromRedis = await second.getOrCreate('assets', params, mustNotRun, { inputs: { num_movies: 3 }, schema });
    const scriptFromRedis = await second.getOrCreate('script_result', params, mustNotRun, { inputs: { model: 'm1' } });
    expect(fromRedis).toMatchObject({ source: 'hit', data: assets.data, file: 'assets_us_horror_netflix.json' });
    expect(fromRedis.metadata?.producer).toBe('ffmpeg');
    expect(scriptFromRedis).toMatchObject({ source: 'hit', data: { combined_script: 'Dare to dive in.' } });
    expect(second.logger.warnings).toEqual([]);

    const out = tempDir('streamgank-out-');
    await second.restoreBlob(assets.data.clip, join(out, 'clip.mp4'));
    await second.restoreBlob(assets.data.poster, join(out, 'poster.png'));
    expect(readFileSync(join(out, 'clip.mp4')).equals(clip.bytes)).toBe(true);
    expect(readFileSync(join(out, 'poster.png')).equals(poster.bytes)).toBe(true);
    expect(await second.verify()).toMatchObject({ healthy: true, checked_entries: 2, ok_entries: 2 });
    expect(readdirSync(join(second.directory, 'blobs', 'tmp'))).toEqual([]);

    const stats = second.stats();
    expect(stats).toMatchObject({ total_files: 2, hits: 2, misses: 0, hits_by_tier: { redis: 2 }, blob_count: 2 });
    const again = await second.getOrCreate('assets', params, mustNotRun, { inputs: { num_movies: 3 }, schema });
    expect(again.source).toBe('hit');
    expect(second.stats().hits_by_tier).toEqual({ redis: 2, local: 1 });
    expect(await second.sharedStatus()).toMatchObject({
      configured: true,
      kind: 'redis',
      url: `${server().redis.url}`,
      key_prefix: keyPrefix,
      reachable: true,
      entries: 2,
      hits_from_shared: 2,
      rejected_values: 0,
    });
  });

  it('stores each blob as chunks no larger than chunkBytes, and expires keys after ttlSeconds', async () => {
    const keyPrefix = freshPrefix();
    const cache = track(machine(server().redis.url, { redis: { keyPrefix, chunkBytes: 100_000, ttlSeconds: 3600 } }));
    const clip = randomFile(1_050_000);
    const result = await cache.getOrCreate('assets', params, async (ctx) => ({
      clip: (await ctx.putBlob(clip.path, 'video/mp4')).sha256,
    }));
    const key = blobKey(keyPrefix, result.data.clip);
    const fields = await server().raw.hkeys(key);
    expect(fields.filter((field) => field !== 'meta')).toHaveLength(11);
    for (const field of fields) expect(await server().raw.hstrlen(key, field)).toBeLessThanOrEqual(100_000);
    expect(await server().raw.ttl(key)).toBeGreaterThan(3500);
    expect(await server().raw.ttl(entryKey(keyPrefix, result.file))).toBeGreaterThan(3500);
    expect(await server().raw.keys(`${keyPrefix}v2:upload:*`)).toEqual([]);
  });

  it('never serves a stale entry from Redis, and says why it produced', async () => {
    const keyPrefix = freshPrefix();
    await track(machine(server().redis.url, { redis: { keyPrefix } })).getOrCreate(
      'catalog',
      params,
      () => ({ n: 3 }),
      { inputs: { num_movies: 3 } },
    );
    const second = track(machine(server().redis.url, { redis: { keyPrefix } }));
    const five = await second.getOrCreate('catalog', params, () => ({ n: 5 }), { inputs: { num_movies: 5 } });
    expect(five).toMatchObject({ source: 'produced', reason: 'miss', data: { n: 5 } });
    expect(five.reasons).toContainEqual('shared tier: stale (num_movies: 3 → 5)');
    expect(second.stats()).toMatchObject({ hits: 0, misses: 1, writes: 1 });
    const third = track(machine(server().redis.url, { redis: { keyPrefix } }));
    expect(await third.getOrCreate('catalog', params, () => ({ n: -1 }), { inputs: { num_movies: 5 } })).toMatchObject({
      source: 'hit',
      data: { n: 5 },
    });
  });

  it('ignores and reports an entry whose bytes in Redis are wrong, and never promotes it', async () => {
    const keyPrefix = freshPrefix();
    const first = track(machine(server().redis.url, { redis: { keyPrefix } }));
    const saved = await first.getOrCreate('script_result', params, () => ({ text: 'original narration' }));
    const key = entryKey(keyPrefix, saved.file);
    const bytes = (await server().raw.hgetBuffer(key, '0')) ?? Buffer.alloc(0);
    expect(bytes.toString()).toContain('original narration');
    await server().raw.hset(key, '0', Buffer.from(bytes.toString().replace('original', 'tampered')));

    const second = track(machine(server().redis.url, { redis: { keyPrefix } }));
    const result = await second.getOrCreate('script_result', params, () => ({ text: 'made here' }));
    expect(result).toMatchObject({ source: 'produced', data: { text: 'made here' } });
    expect(second.logger.warnings).toHaveLength(1);
    expect(second.logger.warnings[0]).toMatch(/bad entry script_result_us_horror_netflix\.json \(checksum/);
    expect(result.reasons.some((reason) => reason.includes('refused'))).toBe(true);
    expect(JSON.parse(readFileSync(join(second.directory, saved.file), 'utf8')).data).toEqual({ text: 'made here' });
    expect(second.stats().hits_by_tier).toEqual({});
    expect(await second.sharedStatus()).toMatchObject({ rejected_values: 1, hits_from_shared: 0 });

    // The machine that produced it again published a good entry over the bad one.
    const third = track(machine(server().redis.url, { redis: { keyPrefix } }));
    expect(await third.getOrCreate('script_result', params, () => ({ text: 'third' }))).toMatchObject({
      source: 'hit',
      data: { text: 'made here' },
    });
  });

  it('ignores and reports a blob whose bytes in Redis do not match its digest, and promotes nothing', async () => {
    const keyPrefix = freshPrefix();
    const first = track(machine(server().redis.url, { redis: { keyPrefix, chunkBytes: 1000 } }));
    const poster = randomFile(5000, 'poster.png');
    const saved = await first.getOrCreate('assets', params, async (ctx) => ({
      poster: (await ctx.putBlob(poster.path, 'image/png')).sha256,
    }));
    const damaged = Buffer.from(poster.bytes.subarray(2000, 3000));
    damaged[10] = (damaged[10] ?? 0) ^ 0xff;
    await server().raw.hset(blobKey(keyPrefix, saved.data.poster), '2', damaged);

    const second = track(machine(server().redis.url, { redis: { keyPrefix } }));
    const local = randomFile(300, 'other.png');
    const result = await second.getOrCreate('assets', params, async (ctx) => ({
      poster: (await ctx.putBlob(local.path, 'image/png')).sha256,
    }));
    expect(result.source).toBe('produced');
    expect(second.logger.warnings).toHaveLength(1);
    expect(second.logger.warnings[0]).toContain(`bad blob sha256:${saved.data.poster}`);
    expect(blobFiles(second.directory)).toEqual([result.data.poster]);
    expect(readdirSync(join(second.directory, 'blobs', 'tmp'))).toEqual([]);
    expect(second.stats().hits_by_tier).toEqual({});
  });

  it('treats an entry whose blob is gone from Redis (evicted, expired) as a miss', async () => {
    const keyPrefix = freshPrefix();
    const first = track(machine(server().redis.url, { redis: { keyPrefix } }));
    const poster = randomFile(5000);
    const saved = await first.getOrCreate('assets', params, async (ctx) => ({
      poster: (await ctx.putBlob(poster.path, 'image/png')).sha256,
    }));
    await server().raw.del(blobKey(keyPrefix, saved.data.poster));
    const second = track(machine(server().redis.url, { redis: { keyPrefix } }));
    const result = await second.getOrCreate('assets', params, () => ({ poster: 'none' }));
    expect(result.source).toBe('produced');
    expect(result.reasons).toContainEqual(
      `shared tier: blob sha256:${saved.data.poster} is not there (expired or evicted)`,
    );
    expect(second.logger.warnings).toEqual([]);
  });

  it('keeps an entry local when one of its blobs is over maxBlobBytes', async () => {
    const keyPrefix = freshPrefix();
    const first = track(machine(server().redis.url, { redis: { keyPrefix, maxBlobBytes: 10_000 } }));
    const big = randomFile(10_001);
    const small = randomFile(100);
    await first.getOrCreate('assets', params, async (ctx) => ({
      big: (await ctx.putBlob(big.path, 'video/mp4')).sha256,
    }));
    await first.getOrCreate('assets', { ...params, genre: 'Comedy' }, async (ctx) => ({
      small: (await ctx.putBlob(small.path, 'image/png')).sha256,
    }));
    expect(
      first.logger.infos.some((line) => line.includes('assets_us_horror_netflix.json stays in the local cache only')),
    ).toBe(true);
    expect(await server().raw.keys(`${keyPrefix}*`)).toHaveLength(2);
    expect(await first.sharedStatus()).toMatchObject({ entries: 1 });
  });

  it('with readonly mode serves and promotes a Redis hit, and a miss in both tiers is still an error', async () => {
    const keyPrefix = freshPrefix();
    await track(machine(server().redis.url, { redis: { keyPrefix } })).getOrCreate('assets', params, () => ({ a: 1 }));
    const reader = track(machine(server().redis.url, { redis: { keyPrefix }, mode: 'readonly' }));
    expect(await reader.getOrCreate('assets', params, () => ({ a: 2 }))).toMatchObject({
      source: 'hit',
      data: { a: 1 },
    });
    expect(reader.load('assets', params)).toMatchObject({ status: 'hit', data: { a: 1 } });
    await expect(reader.getOrCreate('assets', { ...params, genre: 'Drama' }, () => ({ a: 3 }))).rejects.toThrow(
      /readonly/,
    );
    expect(reader.stats()).toMatchObject({ hits: 2, misses: 1 });
  });

  it('reports a cache without a shared tier as not configured, and ignores STREAMGANK_REDIS_URL="" ', async () => {
    const cache = createCache({ dir: tempDir(), logger: silentLogger, env: { STREAMGANK_REDIS_URL: '' } });
    expect(await cache.sharedStatus()).toEqual({
      configured: false,
      reachable: false,
      hits_from_shared: 0,
      rejected_values: 0,
    });
    const nobody = new URL(await unusedRedisUrl()).port;
    const fromEnv = track(
      createCache({
        dir: tempDir(),
        logger: silentLogger,
        env: { STREAMGANK_REDIS_URL: `redis://:s3cret@127.0.0.1:${nobody}/0` },
      }),
    );
    const status = await fromEnv.sharedStatus();
    expect(status).toMatchObject({ configured: true, reachable: false, url: `redis://:***@127.0.0.1:${nobody}/0` });
    expect(status.error).toMatch(/ECONNREFUSED/);
    expect(JSON.stringify(status)).not.toContain('s3cret');
  });
});
