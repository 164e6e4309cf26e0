import { describe, expect, it } from 'vitest';
import {
  InvalidSharedTierOptionError,
  SHARED_TIER_DEFAULTS,
  createCache,
  redactRedisUrl,
  silentLogger,
} from '../index.js';
import { tempDir } from '@streamgank/testing';

describe('shared tier settings', () => {
  it('never print a password', () => {
    expect(redactRedisUrl('redis://:s3cret@cache.internal:6379/0')).toBe('redis://:***@cache.internal:6379/0');
    expect(redactRedisUrl('rediss://team:s3cret@cache.internal:6380')).toBe('rediss://team:***@cache.internal:6380');
    expect(redactRedisUrl('redis://cache.internal:6379/2?password=s3cret')).toBe(
      'redis://cache.internal:6379/2?password=***',
    );
    expect(redactRedisUrl('/run/redis.sock?password=s3cret')).toBe('/run/redis.sock?password=***');
    expect(redactRedisUrl('redis://cache.internal:6379')).toBe('redis://cache.internal:6379');
  });

  it('refuse values that cannot work, with a message naming the option', () => {
    const withRedis = (redis: object) => () =>
      createCache({ dir: tempDir(), logger: silentLogger, env: {}, redisUrl: 'redis://127.0.0.1:1', redis });
    expect(withRedis({ commandTimeoutMs: -1 })).toThrow(InvalidSharedTierOptionError);
    expect(withRedis({ chunkBytes: 0 })).toThrow('Invalid redis.chunkBytes 0: expected a positive number.');
    expect(withRedis({ lockWaitMs: Number.NaN })).toThrow(/redis\.lockWaitMs/);
    expect(withRedis({ ttlSeconds: 0 })).not.toThrow();
  });

  it('document their defaults', () => {
    expect(SHARED_TIER_DEFAULTS).toMatchObject({
      keyPrefix: 'streamgank:',
      maxBlobBytes: 64 * 1024 * 1024,
      chunkBytes: 1024 * 1024,
    });
  });

  it('are read from STREAMGANK_REDIS_URL, and an explicit empty URL turns the tier off', async () => {
    const env = { STREAMGANK_REDIS_URL: 'redis://127.0.0.1:1' };
    const fromEnv = createCache({ dir: tempDir(), logger: silentLogger, env });
    expect(await fromEnv.sharedStatus()).toMatchObject({
      configured: true,
      reachable: false,
      url: 'redis://127.0.0.1:1',
    });
    await fromEnv.close();
    const off = createCache({ dir: tempDir(), logger: silentLogger, env, redisUrl: '' });
    expect(await off.sharedStatus()).toMatchObject({ configured: false });
  });
});
