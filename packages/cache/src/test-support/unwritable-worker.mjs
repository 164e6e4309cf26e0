// Uses a cache that cannot be written and reports what happened, as JSON on stdout.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

// `work`: a directory the worker can write in (it may run as nobody), for its own files.
const [distEntry, dir, work] = process.argv.slice(2);
const { createCache, saveTestData } = await import(distEntry);
const warnings = [];
const logger = { warn: (line) => warnings.push(line), info: () => {} };
const cache = createCache({ dir, logger, env: {} });
const params = { country: 'US', genre: 'Horror', platform: 'Netflix' };
const source = join(work, 'source.bin');
writeFileSync(source, Buffer.alloc(300_000, 7));

const first = await cache.getOrCreate('script_result', params, () => ({ script: 'y'.repeat(200_000) }));
const second = await cache.getOrCreate('assets', params, async (ctx) => ({
  clip: (await ctx.putBlob(source, 'video/mp4')).sha256,
}));
const destination = join(work, 'restored.bin');
await cache.restoreBlob(second.data.clip, destination);
const seedPath = saveTestData({ big: 'z'.repeat(200_000) }, 'assets', 'FR', 'Horreur', 'Netflix', {
  dir,
  logger,
  env: {},
});
process.stdout.write(
  JSON.stringify({
    scriptLength: first.data.script.length,
    firstSaved: first.saved,
    secondSaved: second.saved,
    seedPath,
    warnings,
    restored: destination,
  }),
);
