// A second machine: pulls an entry with a large blob from the team's Redis, restores the blob,
// closes the cache and lets the process end by itself; prints how long that took after the pull.
import { join } from 'node:path';

const [distEntry, dir, redisUrl, keyPrefix, out] = process.argv.slice(2);
const { createCache, silentLogger } = await import(distEntry);
const cache = createCache({
  dir,
  redisUrl,
  redis: { keyPrefix, commandTimeoutMs: 10_000 },
  env: {},
  logger: silentLogger,
});
const result = await cache.getOrCreate('assets', { country: 'US', genre: 'Horror', platform: 'Netflix' }, () => {
  throw new Error('produced although Redis had the entry');
});
const pulledAt = performance.now();
await cache.restoreBlob(result.data.clip, join(out, 'clip.bin'));
await cache.close();
process.on('exit', () => {
  process.stdout.write(JSON.stringify({ source: result.source, exit_after_pull_ms: performance.now() - pulledAt }));
});
