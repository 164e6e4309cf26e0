import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { createCache, type Cache, type CacheLogger, type CacheOptions } from '../index.js';
import { RedisServer, tempDir } from '@streamgank/testing';

export const params = { country: 'US', genre: 'Horror', platform: 'Netflix' };

export function recordingLogger(): CacheLogger & { warnings: string[]; infos: string[] } {
  const warnings: string[] = [];
  const infos: string[] = [];
  return { warnings, infos, warn: (line) => warnings.push(line), info: (line) => infos.push(line) };
}

let prefixes = 0;

/** A key prefix of its own for each test, so tests sharing one server never see each other's keys. */
export function freshPrefix(): string {
  prefixes += 1;
  return `test-${process.pid}-${prefixes}:`;
}

/** A cache in a fresh directory on the given Redis ("one machine"). */
export function machine(
  redisUrl: string,
  options: Partial<CacheOptions> = {},
): Cache & { logger: ReturnType<typeof recordingLogger> } {
  const logger = recordingLogger();
  const cache = createCache({ dir: tempDir(), redisUrl, env: {}, logger, ...options });
  return Object.assign(cache, { logger });
}

export function randomFile(bytes: number, name = 'asset.bin'): { path: string; bytes: Buffer } {
  const content = randomBytes(bytes);
  const path = join(tempDir('streamgank-src-'), name);
  writeFileSync(path, content);
  return { path, bytes: content };
}

/** A plain client for looking at (and damaging) what the cache stored. */
export function rawClient(url: string): Redis {
  return new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 1 });
}

export const entryKey = (prefix: string, file: string) => `${prefix}v2:entry:${file}`;
export const blobKey = (prefix: string, sha256: string) => `${prefix}v2:blob:${sha256}`;
export const lockKey = (prefix: string, file: string) => `${prefix}v2:lock:${file}`;

/**
 * One real redis-server for a test file, a raw client to look at (and damage) what the caches
 * stored, and every tracked cache closed after each test.
 */
export function sharedRedisHarness() {
  let redis: RedisServer | undefined;
  let raw: Redis | undefined;
  const open: Cache[] = [];
  beforeAll(async () => {
    redis = await RedisServer.start();
    raw = rawClient(redis.url);
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((cache) => cache.close()));
  });
  afterAll(async () => {
    raw?.disconnect();
    await redis?.stop();
  });
  return {
    server: () => ({ redis: redis as RedisServer, raw: raw as Redis }),
    track: <T extends Cache>(cache: T): T => {
      open.push(cache);
      return cache;
    },
  };
}
