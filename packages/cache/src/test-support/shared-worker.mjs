// One "machine": a cache directory of its own and the team's Redis. Produces an entry (slowly,
// counting its producer runs in a shared file), prints what getOrCreate returned, and exits by
// itself, after close() or, with "no-close", without it: a connection must never keep it alive.
import { appendFileSync } from 'node:fs';

const [distEntry, dir, redisUrl, runsFile, produceMsText, keyPrefix, closing = 'close'] = process.argv.slice(2);
const { createCache } = await import(distEntry);
const warnings = [];
const cache = createCache({
  dir,
  redisUrl,
  redis: { keyPrefix, lockPollMs: 20 },
  env: {},
  logger: { warn: (line) => warnings.push(line), info: () => {} },
});
const started = performance.now();
const result = await cache.getOrCreate(
  'script_result',
  { country: 'US', genre: 'Horror', platform: 'Netflix' },
  async () => {
    appendFileSync(runsFile, `${process.pid}\n`);
    await new Promise((resolve) => setTimeout(resolve, Number(produceMsText)));
    return { by: process.pid };
  },
);
const status = await cache.sharedStatus();
if (closing === 'close') await cache.close();
process.stdout.write(
  JSON.stringify({
    source: result.source,
    data: result.data,
    ms: performance.now() - started,
    warnings,
    hits: status.hits_from_shared,
  }),
);
