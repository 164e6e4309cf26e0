// `npm run bench:shared`: the Redis shared tier, measured against a local hit in this one run.
// Starts its own redis-server (no persistence, loopback, a free port) and stops it at the end.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RedisServer, redisServerBinary } from '@streamgank/testing/redis-server';
import { CACHE_DIST, WORKSPACE, median, printTable, scriptResultOf, verdict, takeNoOptions } from './bench-support.mjs';

takeNoOptions(
  'npm run bench:shared',
  `Measures the Redis shared tier against a local hit, and a second machine pulling a whole job,
on a redis-server of its own.`,
);

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

  pullWholeJob();
} finally {
  await Promise.all(open.map((cache) => cache.close()));
  await redis.stop();
  rmSync(root, { recursive: true, force: true });
}

/**
 * A second machine's `streamgank run` of a job that a first machine made and published: every
 * entry and blob (about 20 MB) comes from Redis. Timed as whole processes, beside a bare
 * `node -e 0` and a warm local run, all in this run.
 */
function pullWholeJob() {
  const cli = join(WORKSPACE, 'packages', 'cli', 'bin', 'streamgank.js');
  const job = ['run', '--country', 'US', '--genre', 'Horror', '--platform', 'Netflix'];
  const run = (args) => {
    const started = process.hrtime.bigint();
    const result = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (result.status !== 0) throw new Error(`${args.join(' ')} failed:\n${result.stderr}`);
    return { ms, stdout: result.stdout };
  };
  const streamgank = (dir, ...extra) => [
    cli,
    '--cache-dir',
    join(root, dir),
    '--redis-url',
    redisUrl,
    ...extra,
    ...job,
  ];
  const first = run(streamgank('job-producer'));
  const bytes = spawnSync('du', ['-sb', join(root, 'job-producer')], { encoding: 'utf8' }).stdout.split('\t')[0];
  const pulls = [];
  const warm = [];
  const bare = [];
  for (let i = 0; i < 5; i += 1) {
    bare.push(run(['-e', '0']).ms);
    const pull = run(streamgank(`job-pull-${i}`));
    if (!/7 of 7 steps from the cache/.test(pull.stdout))
      throw new Error(`the pull produced something:\n${pull.stdout}`);
    pulls.push(pull.ms);
    warm.push(run(streamgank('job-producer')).ms);
  }
  const nodeMs = median(bare);
  const row = (label, ms) => [label, ms.toFixed(0), (ms / nodeMs).toFixed(1)];
  printTable(
    `A whole job (US/Horror/Netflix, ${(Number(bytes) / 1024 ** 2).toFixed(1)} MB of entries and blobs) as whole processes (median of 5, same run)`,
    ['run', 'ms', '× node -e 0'],
    [
      row('node -e 0', nodeMs),
      row('first machine: produce and publish (once)', first.ms),
      row('second machine: every step pulled from Redis', median(pulls)),
      row('first machine again: every step a local hit', median(warm)),
    ],
  );
  console.log(`target: a second machine's pull under 1000 ms as a whole process: ${verdict(median(pulls) < 1000)}`);
}
