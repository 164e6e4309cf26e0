// Reads and writes the same few keys as its siblings; exits 1 on any error or torn read.
const [distEntry, dir, workerId, iterationsText] = process.argv.slice(2);
const { createCache, silentLogger } = await import(distEntry);
const warnings = [];
const cache = createCache({ dir, logger: { warn: (line) => warnings.push(line), info: () => {} }, env: {} });
const genres = ['Horror', 'Comedy', 'Drama'];
let reads = 0;
let hits = 0;
for (let i = 0; i < Number(iterationsText); i += 1) {
  const params = { country: 'FR', genre: genres[Math.floor(i / 3) % genres.length], platform: 'Netflix' };
  const size = 1000 + ((i * 7919 + Number(workerId) * 104_729) % 150_000);
  const data = { worker: Number(workerId), i, body: String(workerId).repeat(size), size };
  if (i % 3 === 0) {
    cache.save('script_result', params, data);
  } else if (i % 3 === 1) {
    const result = cache.load('script_result', params);
    reads += 1;
    if (result.status === 'corrupt') throw new Error(`torn or corrupt read: ${result.reasons.join('; ')}`);
    if (result.status === 'hit') {
      hits += 1;
      const { body, size: expected, worker } = result.data;
      if (body.length !== expected || body !== String(worker).repeat(expected)) throw new Error('inconsistent entry');
    }
  } else {
    const result = await cache.getOrCreate('assets', params, () => data);
    if (result.data.body.length !== result.data.size) throw new Error('inconsistent entry from getOrCreate');
  }
}
if (warnings.length > 0) throw new Error(`unexpected warnings: ${warnings.join(' | ')}`);
process.stdout.write(JSON.stringify({ reads, hits }));
