// One measurement in a fresh process, printed as JSON: list or stats over a big cache, the seed's
// read-every-file listing, or a blob put/restore with its peak memory.
import { copyFile, rm } from 'node:fs/promises';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const [task, dir, extra] = process.argv.slice(2);
const processStart = performance.now();

function sampleRss() {
  const baseline = process.memoryUsage.rss();
  let peak = baseline;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 2);
  return () => {
    clearInterval(timer);
    peak = Math.max(peak, process.memoryUsage.rss());
    return { baseline_mb: baseline / 2 ** 20, peak_growth_mb: (peak - baseline) / 2 ** 20 };
  };
}

async function timed(run) {
  const faults = process.resourceUsage().minorPageFault;
  const start = performance.now();
  const result = await run();
  return { ms: performance.now() - start, result, page_faults: process.resourceUsage().minorPageFault - faults };
}

let output;
if (task === 'list' || task === 'stats') {
  const importStart = performance.now();
  const { listTestData, getCacheStats } = await import(extra);
  const importMs = performance.now() - importStart;
  const call = task === 'list' ? () => listTestData({ dir }) : () => getCacheStats({ dir });
  const { ms, result, page_faults } = await timed(call);
  output = { ms, page_faults, import_ms: importMs, count: result.total_count ?? result.total_files };
} else if (task === 'object-floor' || task === 'object-floor-with-blobs') {
  // The least any listing of these entries can cost in a fresh process: building one plain object
  // of the listed shape per file (with its two blob objects, for the second), from arrays already
  // in memory (nothing read, parsed or looked up).
  const files = readdirSync(dir).filter((name) => name.endsWith('.json'));
  const sizes = files.map((name, i) => 1000 + i);
  const saved = files.map((name, i) => 1_796_000_000.125 + i);
  const digests = files.map((name, i) => `${i}`.padStart(64, 'a'));
  const noBlobs = Object.freeze([]);
  const blobsOf =
    task === 'object-floor'
      ? () => noBlobs
      : (i) => [
          { sha256: digests[i], bytes: sizes[i], media_type: 'image/jpeg' },
          { sha256: digests[files.length - 1 - i], bytes: sizes[i], media_type: 'video/mp4' },
        ];
  const { ms, result, page_faults } = await timed(() =>
    files.map((filename, i) => {
      const blobs = blobsOf(i);
      return {
        filename,
        path: `${dir}/${filename}`,
        size_bytes: sizes[i],
        size_mb: 0,
        data_type: 'assets',
        parameters: { country: 'US', genre: 'Horror', platform: 'Netflix' },
        saved_timestamp: saved[i],
        saved_datetime: '2026-12-02 00:00:00',
        status: 'ok',
        blob_count: blobs.length,
        blob_bytes: 0,
        producer: null,
        produce_ms: null,
        cost_usd: null,
        pinned: false,
        blobs,
      };
    }),
  );
  output = { ms, page_faults, count: result.length };
} else if (task === 'naive-list') {
  // What the seed's list_test_data did: open and parse every file.
  const { ms, result, page_faults } = await timed(() =>
    readdirSync(dir)
      .filter((name) => name.endsWith('.json'))
      .map((name) => {
        const entry = JSON.parse(readFileSync(join(dir, name), 'utf8'));
        return { filename: name, ...entry.metadata };
      }),
  );
  output = { ms, page_faults, count: result.length };
} else if (task === 'blob-put' || task === 'blob-restore' || task === 'file-copy') {
  const [source, destination, cacheDist, digest] = extra.split('|');
  const { createCache, silentLogger } = await import(cacheDist);
  const cache = createCache({ dir, logger: silentLogger, env: {} });
  const stop = sampleRss();
  const run =
    task === 'blob-put'
      ? () => cache.putBlob(source, 'video/mp4')
      : task === 'blob-restore'
        ? () => cache.restoreBlob(digest, destination)
        : () => copyFile(source, destination);
  const { ms, result } = await timed(run);
  output = { ms, ...stop(), sha256: result?.sha256 };
  if (task !== 'blob-put') await rm(destination, { force: true });
} else {
  throw new Error(`unknown task ${task}`);
}
output.process_ms = performance.now() - processStart;
process.stdout.write(JSON.stringify(output));
