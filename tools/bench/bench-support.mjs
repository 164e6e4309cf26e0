// Shared helpers for the benchmark scripts: fresh-process runs, timing, tables.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { markdownTable } from 'markdown-table';

export const WORKSPACE = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CACHE_DIST = join(WORKSPACE, 'packages', 'cache', 'dist', 'index.js');
export const DASHBOARD_SERVE = join(WORKSPACE, 'packages', 'dashboard', 'dist', 'serve.js');

/** Run a bench child in a fresh node process and return the JSON it prints. */
export function inFreshProcess(script, args) {
  const result = spawnSync(process.execPath, [join(dirname(fileURLToPath(import.meta.url)), script), ...args], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`${script} ${args.join(' ')} failed:\n${result.stderr}`);
  return JSON.parse(result.stdout);
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * The contenders in a new random order. With a fixed order, each round allocates the same way, the
 * collector's threshold falls at the same point of every round, and one contender pays for every
 * collection (seen here: one of two contenders doing the same work measured 1.1x, the other 2x).
 */
function shuffled(entries) {
  const order = [...entries];
  for (let i = order.length - 1; i > 0; i -= 1) {
    const j = Math.floor(Math.random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

/**
 * Time contenders side by side: rounds of `batch` calls each, interleaved (in a new order each
 * round) so drift and garbage collection hit all of them alike; the figure is the median of the
 * per-call means of the rounds.
 */
/**
 * Times each contender in rounds, in a new random order each round, and returns the median µs per
 * call of each, with `ratio`: for each contender, the median over rounds of its time over the
 * `baseline`'s time in the same round. Calls measured a few milliseconds apart share the machine's
 * state (another process's burst, a collection), so the paired ratio is steadier than a ratio of
 * medians taken over the whole run.
 */
export function compare(contenders, { rounds = 60, batch = 50, warmup = 300, baseline = 'floor' } = {}) {
  for (const run of Object.values(contenders)) for (let i = 0; i < warmup; i += 1) run();
  const samples = Object.fromEntries(Object.keys(contenders).map((name) => [name, []]));
  for (let round = 0; round < rounds; round += 1) {
    for (const [name, run] of shuffled(Object.entries(contenders))) {
      const start = process.hrtime.bigint();
      for (let i = 0; i < batch; i += 1) run();
      samples[name].push(Number(process.hrtime.bigint() - start) / 1e3 / batch);
    }
  }
  return summarized(samples, baseline);
}

export async function compareAsync(contenders, { rounds = 60, batch = 25, warmup = 200, baseline = 'floor' } = {}) {
  for (const run of Object.values(contenders)) for (let i = 0; i < warmup; i += 1) await run();
  const samples = Object.fromEntries(Object.keys(contenders).map((name) => [name, []]));
  for (let round = 0; round < rounds; round += 1) {
    for (const [name, run] of shuffled(Object.entries(contenders))) {
      const start = process.hrtime.bigint();
      for (let i = 0; i < batch; i += 1) await run();
      samples[name].push(Number(process.hrtime.bigint() - start) / 1e3 / batch);
    }
  }
  return summarized(samples, baseline);
}

function summarized(samples, baseline) {
  const base = samples[baseline];
  const result = Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, median(values)]));
  result.ratio = base
    ? Object.fromEntries(
        Object.entries(samples).map(([name, values]) => [name, median(values.map((value, i) => value / base[i]))]),
      )
    : {};
  return result;
}

/** A titled Markdown table (markdown-table pads the columns), as the issues' closing notes quote them. */
export function printTable(title, headers, rows) {
  console.log(`\n${title}\n`);
  console.log(markdownTable([headers, ...rows].map((row) => row.map(String))));
}

export const verdict = (ok) => (ok ? 'met' : 'MISSED');

/** A script_result of about `bytes` bytes once saved (pretty-printed), shaped like the pipeline's. */
export function scriptResultOf(bytes) {
  const movies = [];
  for (let i = 0; JSON.stringify(movies, null, 4).length < bytes - 1500; i += 1) {
    movies.push({
      id: 10_000 + i,
      title: `Title number ${i}`,
      year: 1990 + (i % 35),
      imdb: `${(6 + (i % 40) / 10).toFixed(1)}/10 (${100_000 + i * 37} votes)`,
      genres: ['Horror', 'Thriller'],
      overview: 'A small town, a long night and something in the woods that will not let anyone leave before dawn.',
      streaming_url: `https://www.example.com/title/${i}`,
    });
  }
  return {
    combined_script: 'Dare to dive into the top 3 Netflix horror films!',
    individual_scripts: { movie1: { text: 'A hook.', path: 'videos/script_movie1.txt' } },
    raw_movies: movies,
    script_count: 3,
  };
}

/**
 * A bench takes no options: `--help` (or `-h`) prints what it measures and exits 0; anything else
 * is refused in one line with exit 2, before minutes are spent measuring.
 */
export function takeNoOptions(command, summary) {
  const args = process.argv.slice(2);
  const usage = `Usage: ${command}\n\n${summary}\n`;
  if (args.some((arg) => arg === '--help' || arg === '-h')) {
    process.stdout.write(usage);
    process.exit(0);
  }
  if (args.length > 0) {
    process.stderr.write(`${command}: takes no options, was given ${args.join(' ')}\n\n${usage}`);
    process.exit(2);
  }
}
