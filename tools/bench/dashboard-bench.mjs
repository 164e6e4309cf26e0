// `npm run bench:dashboard`: the dashboard's first rows on screen in Chromium over 10 and 10,000
// entries, measured interleaved in this one run, and what the page downloads to load and to stay live.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumRequirement, firstShownTimer, launchChromium } from '@streamgank/testing/chromium';
import { syntheticEntries } from '@streamgank/testing/synthetic-entries';
import { interleavedSamples, median } from '@streamgank/testing/timing';
import { CACHE_DIST, DASHBOARD_SERVE, printTable, verdict, takeNoOptions } from './bench-support.mjs';

takeNoOptions(
  'npm run bench:dashboard',
  `Measures the dashboard's first rows on screen in Chromium over 10 and 10,000 entries, and what
the page downloads.`,
);

const { createCache, silentLogger } = await import(CACHE_DIST);

if (chromiumRequirement().skip) process.exit(1);

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9);
const FIRST_ROW = '#entries-table tbody tr';
const root = mkdtempSync(join(tmpdir(), 'streamgank-dashboard-bench-'));
const running = [];

function cacheOf(count) {
  const cache = createCache({ dir: join(root, `cache-${count}`), logger: silentLogger, env: {}, durable: false });
  const started = performance.now();
  for (const entry of syntheticEntries(count)) cache.save(entry.dataType, entry.parameters, entry.data, entry.options);
  console.log(`built a cache of ${count} entries in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return cache;
}

/**
 * The dashboard as people run it, in a process of its own: two servers in the bench's process
 * would wait for each other (a page left behind still has the other one busy).
 */
function serveProcess(cacheDir) {
  const child = spawn(process.execPath, [DASHBOARD_SERVE, '--port', '0', '--cache-dir', cacheDir, '--redis-url', ''], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { PATH: process.env.PATH },
  });
  return new Promise((resolve, reject) => {
    let stdout = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      const url = /dashboard: (http:\S+)/.exec(stdout)?.[1];
      if (url) resolve({ url, close: () => new Promise((done) => child.once('exit', done).kill('SIGTERM')) });
    });
    child.once('exit', (code) => reject(new Error(`the dashboard exited with ${code} before it served`)));
  });
}

/** Bytes of the dashboard's API responses (not the page's own files) while `during` runs. */
async function apiBytes(page, during) {
  let bytes = 0;
  let requests = 0;
  const pending = [];
  const onResponse = (response) => {
    if (!new URL(response.url()).pathname.startsWith('/api/')) return;
    requests += 1;
    // A 304 has no body; nor has a response that reached a page already left for the next one.
    if (response.status() === 304) return;
    pending.push(
      response.body().then(
        (body) => (bytes += body.length),
        () => undefined,
      ),
    );
  };
  page.on('response', onResponse);
  try {
    await during();
    await Promise.all(pending);
  } finally {
    page.off('response', onResponse);
  }
  return { bytes, requests };
}

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const kb = ({ bytes, requests }) => `${(bytes / 1024).toFixed(1)} KB in ${requests}`;

try {
  const caches = { 10: cacheOf(10), 10000: cacheOf(10_000) };
  running.push(...Object.values(caches));
  const dashboards = {};
  for (const [count, cache] of Object.entries(caches)) {
    dashboards[count] = await serveProcess(cache.directory);
    running.push(dashboards[count]);
  }
  const { browser, page } = await launchChromium(join(root, 'profile'));
  running.push(browser);
  const timer = await firstShownTimer(page, FIRST_ROW);

  const firstLoads = {};
  for (const count of Object.keys(dashboards)) firstLoads[count] = await timer.measure(dashboards[count].url);
  const samples = await interleavedSamples(ROUNDS, {
    10: () => timer.measure(dashboards[10].url),
    10000: () => timer.measure(dashboards[10000].url),
  });
  const small = median(samples[10]);
  const large = median(samples[10000]);
  const row = (count) => [
    count === '10' ? '10 entries' : '10,000 entries',
    firstLoads[count].toFixed(0),
    median(samples[count]).toFixed(0),
    Math.min(...samples[count]).toFixed(0),
    Math.max(...samples[count]).toFixed(0),
    (median(samples[count]) / small).toFixed(2),
  ];
  printTable(
    `First row on screen in Chromium, ms from navigation start (${ROUNDS} loads each, interleaved, same run)`,
    ['cache', 'first load', 'median', 'min', 'max', '× 10 entries'],
    [row('10'), row('10000')],
  );
  console.log(
    `\n10,000 entries within 2× of 10 entries: ${verdict(large <= 2 * small)} (${(large / small).toFixed(2)}×)`,
  );

  const traffic = [];
  for (const [count, dashboard] of Object.entries(dashboards)) {
    const load = await apiBytes(page, async () => {
      await page.goto(dashboard.url);
      await page.waitForSelector(FIRST_ROW, { timeout: 120_000 });
      await page.waitForLoadState('networkidle');
    });
    const idle = await apiBytes(page, () => pause(4500));
    const first = caches[count].list().files[0];
    const hit = await apiBytes(page, async () => {
      caches[count].load(first.data_type, first.parameters, { inputs: { num_movies: 3 } });
      await pause(3500);
    });
    const write = await apiBytes(page, async () => {
      caches[count].save('script_result', { country: 'NZ', genre: 'Horror', platform: 'Netflix' }, { n: -1 });
      await pause(3500);
    });
    traffic.push([count === '10' ? '10 entries' : '10,000 entries', kb(load), kb(idle), kb(hit), kb(write)]);
  }
  printTable(
    'What the page downloads from /api/ (bytes of response bodies, number of responses)',
    ['cache', 'loading the page', 'idle 4.5 s (polls)', 'after a hit is recorded', 'after an entry is written'],
    traffic,
  );
} finally {
  for (const item of running.reverse()) await item.close();
  rmSync(root, { recursive: true, force: true });
}
