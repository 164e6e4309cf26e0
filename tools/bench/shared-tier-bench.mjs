// `npm run bench:shared`: the Redis shared tier, measured against a local hit in this one run.
// Starts its own redis-server (no persistence, loopback, a free port) and stops it at the end.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RedisServer, redisServerBinary } from '@streamgank/testing/redis-server';
import { CACHE_DIST, median, printTable, scriptResultOf } from './bench-support.mjs';

const { createCache, silentLogger } = await import(CACHE_DIST);

if (!redisServerBinary()) {
  console.error('redis-server is not installed here (apt-get install redis-server, or set REDIS_SERVER).');
  process.exit(1);
}

const root = mkdtempSync(join(tmpdir(), 'streamgank-shared-bench-'));
const redis = await RedisServer.start();
const redisUrl = redis.url;

async function timeEach(count, before, run) {
  const times = [];
  for (let i = 0; i < count; i += 1) {
    await before?.(i);
    const started = process.hrtime.bigint();
    await run(i);
    times.push(Number(process.hrtime.bigint() - started) / 1e3);
  }
  return median(times);
}

const params = (genre) => ({ country: 'US', genre, platform: 'Netflix' });
const data = scriptResultOf(50 * 1024);
const notProduced = () => {
  throw new Error('produced on a hit');
};
const open = [];
const cacheIn = (name, withRedis) => {
  const cache = createCache({
    dir: join(root, name),
    env: {},
    logger: silentLogger,
    durable: false,
    ...(withRedis && { redisUrl, redis: { keyPrefix: 'bench:' } }),
  });
  open.push(cache);
  return cache;
};

try {
  const producer = cacheIn('producer', true);
  const seeded = await producer.getOrCreate('script_result', params('Horror'), () => data);
  const entryKb = statSync(join(producer.directory, seeded.file)).size / 1024;

  const warm = cacheIn('warm', true);
  await warm.getOrCreate('script_result', params('Horror'), notProduced);
  const localHit = await timeEach(2000, null, () => warm.getOrCreate('script_result', params('Horror'), notProduced));

  // Each Redis hit lands in an empty local directory: the entry is removed (untimed) before each call.
  const promoted = cacheIn('promoted', true);
  await promoted.getOrCreate('script_result', params('Horror'), notProduced);
  const redisHit = await timeEach(
    300,
    () => promoted.clear(),
    () => promoted.getOrCreate('script_result', params('Horror'), notProduced),
  );
  const coldHits = [];
  for (let i = 0; i < 20; i += 1) {
    const fresh = cacheIn(`cold-${i}`, true);
    const started = process.hrtime.bigint();
    await fresh.getOrCreate('script_result', params('Horror'), notProduced);
    coldHits.push(Number(process.hrtime.bigint() - started) / 1e3);
  }

  const missing = cacheIn('missing', true);
  const miss = await timeEach(300, null, (i) => missing.getOrCreate('script_result', params(`Miss ${i}`), () => data));
  const localOnly = cacheIn('local-only', false);
  const localMiss = await timeEach(300, null, (i) =>
    localOnly.getOrCreate('script_result', params(`Miss ${i}`), () => data),
  );

  const row = (label, micros) => [label, micros.toFixed(0), (micros / localHit).toFixed(1)];
  printTable(
    `Shared tier: a ${entryKb.toFixed(0)} KB script_result, redis-server on loopback (median µs per getOrCreate, same run)`,
    ['lookup', 'µs', '× local hit'],
    [
      row('local hit (warm directory)', localHit),
      row('Redis hit, promoted into an empty local directory', redisHit),
      row('Redis hit, first call of a new cache (connects first)', median(coldHits)),
      row('miss: lock, produce (instant), save locally, publish to Redis', miss),
      row('miss without a shared tier (local only, for reference)', localMiss),
    ],
  );
} finally {
  await Promise.all(open.map((cache) => cache.close()));
  await redis.stop();
  rmSync(root, { recursive: true, force: true });
}
