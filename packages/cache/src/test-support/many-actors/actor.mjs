// One actor of the many-actors run: a process that, until its deadline, saves entries with blobs,
// loads them and checks every byte, clears, prunes, verifies, imports and exports, all at random.
// It never trusts what it reads: a hit's data must pass its own check and its blobs must restore
// to their digests. Writes what it did and every anomaly it saw to <report> as JSON.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const [distEntry, cacheDir, workDir, seedText, secondsText, report] = process.argv.slice(2);
const { createCache, silentLogger } = await import(distEntry);
const { exportBundle, importBundle } = await import(join(dirname(distEntry), 'bundles.js'));
const cache = createCache({ dir: cacheDir, env: {}, logger: silentLogger, lockWaitMs: 2000 });
const deadline = Date.now() + Number(secondsText) * 1000;
let seed = Number(seedText);
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed / 2 ** 31;
};
const pick = (items) => items[Math.floor(random() * items.length)];
const GENRES = ['Horror', 'Comedy', 'Drama', 'Thriller', 'Action & Adventure', 'Comédie', 'Sci-Fi', 'Documentary'];
const TYPES = ['script_result', 'assets'];
const counts = {};
const anomalies = [];
const count = (what) => (counts[what] = (counts[what] ?? 0) + 1);
const scratch = join(workDir, `actor-${process.pid}`);
mkdirSync(scratch, { recursive: true });

const checkOf = (payload) => createHash('sha256').update(JSON.stringify(payload)).digest('hex');
const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

async function save() {
  const type = pick(TYPES);
  const params = { country: pick(['US', 'FR']), genre: pick(GENRES), platform: 'Netflix' };
  const blobBytes = randomBytes(1 + Math.floor(random() * 200_000));
  const source = join(scratch, 'blob.bin');
  writeFileSync(source, blobBytes);
  await cache.getOrCreate(
    type,
    params,
    async (ctx) => {
      const blob = await ctx.putBlob(source, 'application/octet-stream');
      const payload = { writer: process.pid, n: random(), text: randomBytes(64).toString('hex'), blob: blob.sha256 };
      return { payload, check: checkOf(payload) };
    },
    { mode: random() < 0.5 ? 'refresh' : 'readwrite' },
  );
  count('save');
}

async function load() {
  const type = pick(TYPES);
  const params = { country: pick(['US', 'FR']), genre: pick(GENRES), platform: 'Netflix' };
  const result = cache.load(type, params);
  count(`load_${result.status}`);
  if (result.status !== 'hit') return;
  const data = result.data;
  const wellFormed = data && typeof data === 'object' && data.payload && data.check === checkOf(data.payload);
  if (!wellFormed && !result.edited) {
    // A hand-made copy (another machine's version) has the same shape; anything else is torn or lied.
    anomalies.push({ kind: 'bad_hit', file: result.file, data: JSON.stringify(data).slice(0, 200) });
    return;
  }
  for (const ref of result.metadata.blobs ?? []) {
    const target = join(scratch, 'restored.bin');
    try {
      await cache.restoreBlob(ref.sha256, target);
      if (sha256(readFileSync(target)) !== ref.sha256)
        anomalies.push({ kind: 'blob_bytes', file: result.file, sha256: ref.sha256 });
      count('restore');
    } catch (error) {
      // Fine only if the entry itself is gone since (cleared, pruned, replaced): its blob may go with it.
      const stillThere = readEntryRefs(result.file).includes(ref.sha256);
      if (stillThere)
        anomalies.push({ kind: 'blob_lost', file: result.file, sha256: ref.sha256, error: error.message });
      else count('restore_after_removal');
    }
  }
}

function readEntryRefs(file) {
  try {
    return (JSON.parse(readFileSync(join(cacheDir, file), 'utf8')).metadata?.blobs ?? []).map((blob) => blob.sha256);
  } catch {
    return [];
  }
}

const housekeeping = async (what, run) => {
  try {
    await run();
    count(what);
  } catch (error) {
    if (error.code === 'CACHE_BUSY') count(`${what}_busy`);
    else anomalies.push({ kind: `${what}_failed`, error: error.message });
  }
};

async function importSome() {
  const bundles = readdirSync(join(workDir, 'bundles')).filter((name) => name.endsWith('.tar.gz'));
  if (bundles.length === 0) return;
  await housekeeping('import', () => importBundle(cache, join(workDir, 'bundles', pick(bundles))));
}

async function exportSome() {
  const file = join(scratch, `export-${count('export_attempt')}.tar.gz`);
  await housekeeping('export', () => exportBundle(cache, file, { genre: pick(GENRES) }));
  rmSync(file, { force: true });
}

const operations = [
  [0.3, save],
  [0.4, load],
  [0.06, () => housekeeping('clear', () => cache.clear({ genre: pick(GENRES) }))],
  [0.04, () => housekeeping('prune', () => cache.prune({ maxSize: `${1 + Math.floor(random() * 4)}MB` }))],
  [0.04, () => housekeeping('verify_fix', () => cache.verify({ fix: true, hashBlobs: random() < 0.3 }))],
  [0.04, () => housekeeping('list', () => cache.list())],
  [0.06, importSome],
  [0.06, exportSome],
];

while (Date.now() < deadline) {
  let roll = random();
  for (const [weight, operation] of operations) {
    roll -= weight;
    if (roll <= 0) {
      try {
        await operation();
      } catch (error) {
        anomalies.push({ kind: 'exception', error: error.stack ?? String(error) });
      }
      break;
    }
  }
}
await cache.close();
rmSync(scratch, { recursive: true, force: true });
writeFileSync(report, JSON.stringify({ pid: process.pid, counts, anomalies }));
if (existsSync(report)) process.exit(0);
