// Writes entries (some with blobs) in a loop until killed. Prints "ready" once the first write is done.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [distEntry, dir, seedText] = process.argv.slice(2);
const { createCache, silentLogger } = await import(distEntry);
const cache = createCache({ dir, logger: silentLogger, env: {} });
let seed = Number(seedText);
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed / 2 ** 31;
};
const genres = ['Horror', 'Comedy', 'Drama', 'Action & Adventure', 'Mystère & Thriller'];
const source = join(dir, `..`, `blob-source-${process.pid}`);
let announced = false;
for (let i = 0; ; i += 1) {
  const genre = genres[Math.floor(random() * genres.length)];
  const size = Math.floor(random() * 200_000);
  const payload = 'x'.repeat(size);
  const data = { i, size, payload, check: size };
  const params = { country: 'US', genre, platform: 'Netflix' };
  if (random() < 0.3) {
    writeFileSync(source, Buffer.alloc(Math.floor(random() * 500_000), i % 256));
    await cache.getOrCreate(
      'assets',
      params,
      async (ctx) => ({ ...data, blob: (await ctx.putBlob(source, 'video/mp4')).sha256 }),
      {
        mode: 'refresh',
      },
    );
  } else {
    cache.save('script_result', params, data, { inputs: { i } });
  }
  if (!announced) {
    process.stdout.write('ready\n');
    announced = true;
  }
}
