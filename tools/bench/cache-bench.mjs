// `npm run bench`: the cache's figures, each measured beside its baseline in this one run.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, openSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import cacache from 'cacache';
import { FlatCache } from 'flat-cache';
import {
  CACHE_DIST,
  compare,
  compareAsync,
  inFreshProcess,
  median,
  printTable,
  scriptResultOf,
  verdict,
  takeNoOptions,
} from './bench-support.mjs';

takeNoOptions(
  'npm run bench',
  `Measures a cache hit against readFileSync + JSON.parse (and cacache and flat-cache against
their own floors), a 100 MB blob put and restore, and list and stats over 10,000 entries in
fresh processes, each beside its baseline in this one run.`,
);

const { createCache, loadTestData, saveTestData, silentLogger } = await import(CACHE_DIST);
const root = mkdtempSync(join(tmpdir(), 'streamgank-bench-'));
const params = ['US', 'Horror', 'Netflix'];

try {
  const hitDir = join(root, 'hit');
  const data = scriptResultOf(50 * 1024);
  const entryPath = saveTestData(data, 'script_result', ...params, { dir: hitDir, logger: silentLogger, env: {} });
  const entryBytes = readFileSync(entryPath).length;

  const cacacheDir = join(root, 'cacache');
  await cacache.put(cacacheDir, 'script_result_us_horror_netflix', JSON.stringify(data));
  const flatDir = join(root, 'flat-cache');
  const flat = new FlatCache({ cacheId: 'bench', cacheDir: flatDir });
  flat.setKey('script_result_us_horror_netflix', data);
  flat.save();

  const hitCache = createCache({ dir: hitDir, logger: silentLogger, env: {} });
  const [country, genre, platform] = params;
  // The target is timed apart from the other libraries: flat-cache leaves megabytes of garbage per
  // call, and whoever allocates next pays for collecting it (measured together, the seed path's
  // ratio swung from 1.1x to 2.7x with flat-cache's turn in the rounds, not with its own work).
  const sync = compare(
    {
      floor: () => JSON.parse(readFileSync(entryPath, 'utf8')),
      streamgank: () => loadTestData('script_result', ...params, { dir: hitDir, logger: silentLogger, env: {} }),
      'cache.load': () => hitCache.load('script_result', { country, genre, platform }),
      // Warm up past the first fold of the activity log (every ~650 hits), which loads the lock
      // library once: a one-off cost that otherwise lands in one contender's measured rounds.
    },
    { warmup: 1000 },
  );
  const others = compare({
    floor: () => JSON.parse(readFileSync(entryPath, 'utf8')),
    'flat-cache': () => {
      const fresh = new FlatCache({ cacheId: 'bench', cacheDir: flatDir });
      fresh.load('bench', flatDir);
      return fresh.getKey('script_result_us_horror_netflix');
    },
  });
  const asyncTimes = await compareAsync(
    {
      'floor (async read)': async () => JSON.parse(readFileSync(entryPath, 'utf8')),
      cacache: async () =>
        JSON.parse((await cacache.get(cacacheDir, 'script_result_us_horror_netflix')).data.toString('utf8')),
    },
    { baseline: 'floor (async read)' },
  );
  const floor = sync.floor;
  printTable(
    `Cache hit of a ${(entryBytes / 1024).toFixed(1)} KB script_result (median µs per get, and median of each round's ratio to the floor timed in the same round)`,
    ['get', 'µs', '× floor', 'target'],
    [
      ['readFileSync + JSON.parse (floor)', floor.toFixed(1), '1.00', ''],
      [
        'loadTestData (validated: schema, checksum, params)',
        sync.streamgank.toFixed(1),
        sync.ratio.streamgank.toFixed(2),
        `≤ 1.5× floor: ${verdict(sync.ratio.streamgank <= 1.5)}`,
      ],
      [
        'createCache().load (the same, on one cache)',
        sync['cache.load'].toFixed(1),
        sync.ratio['cache.load'].toFixed(2),
        `≤ 1.5× floor: ${verdict(sync.ratio['cache.load'] <= 1.5)}`,
      ],
      [
        'cacache.get + JSON.parse (timed with its own floor)',
        asyncTimes.cacache.toFixed(1),
        asyncTimes.ratio.cacache.toFixed(2),
        `behind us: ${verdict(asyncTimes.ratio.cacache > sync.ratio.streamgank)}`,
      ],
      [
        'flat-cache load + getKey (timed with its own floor)',
        others['flat-cache'].toFixed(1),
        others.ratio['flat-cache'].toFixed(2),
        `behind us: ${verdict(others.ratio['flat-cache'] > sync.ratio.streamgank)}`,
      ],
    ],
  );

  const blobSize = 100 * 2 ** 20;
  const source = join(root, 'clip.bin');
  const fd = openSync(source, 'w');
  for (let written = 0; written < blobSize; written += 2 ** 20) writeSync(fd, randomBytes(2 ** 20));
  closeSync(fd);
  const blobDir = join(root, 'blobs');
  const runs = (task, extra) =>
    Array.from({ length: 3 }, () => inFreshProcess('cache-bench-child.mjs', [task, blobDir, extra]));
  const copies = runs('file-copy', [source, join(root, 'copy.bin'), CACHE_DIST].join('|'));
  const puts = runs('blob-put', [source, '', CACHE_DIST].join('|'));
  const digest = puts[0].sha256;
  const restores = runs('blob-restore', ['', join(root, 'restored.bin'), CACHE_DIST, digest].join('|'));
  const row = (label, results, target) => [
    label,
    median(results.map((r) => r.ms)).toFixed(0),
    Math.max(...results.map((r) => r.peak_growth_mb)).toFixed(1),
    target,
  ];
  const maxGrowth = Math.max(...[...puts, ...restores].map((r) => r.peak_growth_mb));
  printTable(
    '100 MB blob (fresh process each, median of 3; peak RSS growth sampled every 2 ms)',
    ['operation', 'ms', 'peak RSS growth MB', 'target'],
    [
      row('fs.copyFile (baseline)', copies, ''),
      row(
        'putBlob (stream, sha256, dedupe)',
        puts,
        `< 64 MB: ${verdict(Math.max(...puts.map((r) => r.peak_growth_mb)) < 64)}`,
      ),
      row(
        'restoreBlob (stream, verify digest)',
        restores,
        `< 64 MB: ${verdict(Math.max(...restores.map((r) => r.peak_growth_mb)) < 64)}`,
      ),
    ],
  );
  rmSync(source, { force: true });

  const bigDir = join(root, 'big');
  const cache = createCache({ dir: bigDir, logger: silentLogger, env: {}, durable: false });
  const genres = ['Horror', 'Comedy', 'Drama', 'Action & Adventure', 'Documentary'];
  for (let i = 0; i < 10_000; i += 1) {
    cache.save(
      i % 2 ? 'assets' : 'script_result',
      { country: `C${Math.floor(i / 10)}`, genre: genres[i % 5], platform: 'Netflix' },
      {
        n: i,
        text: 'x'.repeat(200 + (i % 500)),
      },
    );
  }
  // The first listing after the writes compares the index with the directory (a readdir and an
  // lstat of 10,000 files); the ones right after it trust the index while the directory is
  // unchanged. Both are shown, with no pause between them.
  const firstAfterWrites = inFreshProcess('cache-bench-child.mjs', ['list', bigDir, CACHE_DIST]);
  const blobsDir = join(root, 'with-blobs');
  await writeCacheWithBlobs(blobsDir, 10_000);
  inFreshProcess('cache-bench-child.mjs', ['list', blobsDir, CACHE_DIST]);
  const pythonDir = join(root, 'python');
  writePythonEraCache(pythonDir, 10_000);
  // Indexes every file once; the listings timed below trust the index.
  inFreshProcess('cache-bench-child.mjs', ['list', pythonDir, CACHE_DIST]);
  const fresh = (task, dir = bigDir) =>
    Array.from({ length: 7 }, () => inFreshProcess('cache-bench-child.mjs', [task, dir, CACHE_DIST]));
  const lists = fresh('list');
  const stats = fresh('stats');
  const pythonLists = fresh('list', pythonDir);
  const pythonStats = fresh('stats', pythonDir);
  const blobLists = fresh('list', blobsDir);
  const blobStats = fresh('stats', blobsDir);
  const naive = fresh('naive-list');
  const objectFloor = fresh('object-floor');
  const blobObjectFloor = fresh('object-floor-with-blobs', blobsDir);
  const listMs = median(lists.map((r) => r.ms));
  const floorMs = median(objectFloor.map((r) => r.ms));
  const faults = (runs) => median(runs.map((r) => r.page_faults)).toFixed(0);
  const statsMs = median(stats.map((r) => r.ms));
  const naiveMs = median(naive.map((r) => r.ms));
  const share = (ms) => `${((ms / naiveMs) * 100).toFixed(0)}%`;
  printTable(
    `Over ${lists[0].count} entries (fresh process each, median of 7; call time, whole process, against reading every file, and page faults in the call)`,
    ['call', 'ms (call)', 'ms (process)', "of the seed's way", 'page faults', 'target'],
    [
      [
        'listTestData',
        listMs.toFixed(1),
        median(lists.map((r) => r.process_ms)).toFixed(0),
        share(listMs),
        faults(lists),
        `< 50 ms: ${verdict(listMs < 50)} (${(listMs / floorMs).toFixed(2)}x the object floor)`,
      ],
      [
        'getCacheStats',
        statsMs.toFixed(1),
        median(stats.map((r) => r.process_ms)).toFixed(0),
        share(statsMs),
        faults(stats),
        `< 50 ms: ${verdict(statsMs < 50)}`,
      ],
      ...[
        ['listTestData over 10,000 Python-era files', pythonLists],
        ['getCacheStats over them', pythonStats],
        ['listTestData over 10,000 entries with two blobs each', blobLists, objectFloor],
        ['getCacheStats over them', blobStats],
      ].map(([call, runs, floorRuns]) => {
        const ms = median(runs.map((r) => r.ms));
        const ofFloor = floorRuns ? ` (${(ms / median(floorRuns.map((r) => r.ms))).toFixed(2)}x the object floor)` : '';
        return [
          call,
          ms.toFixed(1),
          median(runs.map((r) => r.process_ms)).toFixed(0),
          '',
          faults(runs),
          `< 50 ms: ${verdict(ms < 50)}${ofFloor}`,
        ];
      }),
      [
        'listTestData right after the writes (reconciles)',
        firstAfterWrites.ms.toFixed(1),
        firstAfterWrites.process_ms.toFixed(0),
        share(firstAfterWrites.ms),
        String(firstAfterWrites.page_faults),
        'once',
      ],
      [
        "read and parse every file (the seed's way)",
        naiveMs.toFixed(1),
        median(naive.map((r) => r.process_ms)).toFixed(0),
        '100%',
        faults(naive),
        'baseline',
      ],
      [
        'build one plain object per file, nothing read (the object floor)',
        floorMs.toFixed(1),
        median(objectFloor.map((r) => r.process_ms)).toFixed(0),
        share(floorMs),
        faults(objectFloor),
        'floor',
      ],
      [
        'the same, each with its two blob objects (had a listing built them all)',
        median(blobObjectFloor.map((r) => r.ms)).toFixed(1),
        median(blobObjectFloor.map((r) => r.process_ms)).toFixed(0),
        share(median(blobObjectFloor.map((r) => r.ms))),
        faults(blobObjectFloor),
        'floor',
      ],
    ],
  );
  console.log(
    `\n(cache import in those processes: median ${median(lists.map((r) => r.import_ms)).toFixed(1)} ms, not included in "call")`,
  );
} finally {
  rmSync(root, { recursive: true, force: true });
}

/**
 * `count` entries as a pipeline saves them: each with two blobs (a poster and a clip), drawn from
 * 2,000 stored ones, so that the listing builds two blob objects per entry.
 */
async function writeCacheWithBlobs(dir, count) {
  const cache = createCache({ dir, logger: silentLogger, env: {}, durable: false });
  const sources = join(dir, '..', 'blob-sources');
  mkdirSync(sources, { recursive: true });
  const stored = [];
  for (let k = 0; k < 2_000; k += 1) {
    const path = join(sources, `${k}.bin`);
    writeFileSync(path, `media ${k}`);
    stored.push(await cache.putBlob(path, k % 2 ? 'video/mp4' : 'image/jpeg'));
  }
  rmSync(sources, { recursive: true, force: true });
  for (let i = 0; i < count; i += 1) {
    const blobs = [stored[(2 * i) % 2_000], stored[(2 * i + 1) % 2_000]];
    cache.save(
      'assets',
      {
        country: `C${Math.floor(i / 5)}`,
        genre: ['Horror', 'Comedy', 'Drama', 'Action & Adventure', 'Documentary'][i % 5],
        platform: 'Netflix',
      },
      { n: i, poster: blobs[0].sha256, clip: blobs[1].sha256 },
      { blobs },
    );
  }
}

/**
 * `count` files as the Python version wrote them: its names (lower case, spaces to `_`, `&` to
 * `and`, accents kept), its `{data, metadata}` without a fingerprint, a job's types side by side.
 */
function writePythonEraCache(dir, count) {
  mkdirSync(dir, { recursive: true });
  const genres = [
    'Horreur',
    'Comédie',
    'Action & Aventure',
    'Drame',
    'Science-Fiction',
    'Épouvante-Horreur',
    'Krimi',
    'Komödie',
  ];
  const types = [
    'script_result',
    'assets',
    'movie_data',
    'clips',
    'voice',
    'scroll_video',
    'final_video',
    'narration',
    'poster',
    'subtitles',
  ];
  const segment = (value) => value.toLowerCase().replace(/&/g, 'and').replace(/\s+/g, '_');
  for (let job = 0, written = 0; written < count; job += 1) {
    const parameters = {
      country: `${['FR', 'DE', 'US', 'GB'][job % 4]}${Math.floor(job / 64)}`,
      genre: genres[Math.floor(job / 4) % genres.length],
      platform: Math.floor(job / 32) % 2 ? 'Netflix' : 'Prime Video',
    };
    for (const type of types.slice(0, count - written)) {
      const file = `${type}_${segment(parameters.country)}_${segment(parameters.genre)}_${segment(parameters.platform)}.json`;
      const metadata = {
        data_type: type,
        parameters,
        saved_timestamp: 1_754_490_353.4 + job * 60 + (written % 10),
        saved_datetime: '2025-08-06 22:25:53',
      };
      writeFileSync(
        join(dir, file),
        JSON.stringify({ data: { job, text: 'y'.repeat(300 + (written % 400)) }, metadata }, null, 2),
      );
      written += 1;
    }
  }
}
