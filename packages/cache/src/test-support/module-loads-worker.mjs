// Which CommonJS modules a fresh process has loaded after importing the package and working
// with a cache (listing, saving, loading, stats), and after that with a shared tier as well.
import { createRequire } from 'node:module';

const [distEntry, dir] = process.argv.slice(2);
const loaded = () => Object.keys(createRequire(import.meta.url).cache);
const { createCache, listTestData, MemoryStore, silentLogger } = await import(distEntry);
const cache = createCache({ dir, env: {}, logger: silentLogger });
cache.save('script_result', { country: 'US', genre: 'Horror', platform: 'Netflix' }, { text: 'hello' });
cache.load('script_result', { country: 'US', genre: 'Horror', platform: 'Netflix' });
cache.stats();
listTestData({ dir });
const local = loaded();
const shared = createCache({ dir, env: {}, logger: silentLogger, sharedStore: new MemoryStore() });
await shared.getOrCreate('assets', { country: 'US', genre: 'Horror', platform: 'Netflix' }, () => ({ n: 1 }));
await shared.close();
console.log(JSON.stringify({ local, shared: loaded() }));
