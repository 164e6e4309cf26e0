// `npm run bench:pipeline`: a cold and a warm run of US/Horror/Netflix (3 titles), each a whole
// node process, in a fresh cache; prints the figures beside their targets.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { CACHE_DIST, WORKSPACE, inFreshProcess, median, printTable, verdict } from './bench-support.mjs';

const PIPELINE_DIST = join(WORKSPACE, 'packages', 'pipeline', 'dist', 'index.js');
const JOB = { country: 'US', genre: 'Horror', platform: 'Netflix', numMovies: 3 };
const TARGETS = { coldSeconds: 90, warmSeconds: 1, ratio: 50 };
const WARM_RUNS = 3;

/** In the child: one run, its step statuses and how long runPipeline took, as JSON on stdout. */
async function child(cacheDir, outDir) {
  const { createCache, silentLogger } = await import(CACHE_DIST);
  const { runPipeline } = await import(PIPELINE_DIST);
  // The benchmark measures the embedded providers: keys in the shell must not make it call OpenAI or Cloudinary.
  const env = { ...process.env };
  delete env.OPENAI_API_KEY;
  delete env.CLOUDINARY_URL;
  const started = performance.now();
  const report = await runPipeline({
    ...JOB,
    cache: createCache({ dir: cacheDir, logger: silentLogger, env: {} }),
    outDir,
    env,
  });
  process.stdout.write(
    JSON.stringify({
      run_ms: performance.now() - started,
      statuses: report.steps.map((step) => step.status),
      sha256: report.video.sha256,
      video_seconds: report.video.duration_seconds,
    }),
  );
}

function timedRun(cacheDir, outDir) {
  const started = performance.now();
  const result = inFreshProcess('pipeline-bench.mjs', ['--child', cacheDir, outDir]);
  return { ...result, process_ms: performance.now() - started };
}

async function main() {
  if (!existsSync(PIPELINE_DIST) || !existsSync(CACHE_DIST)) {
    console.error('Build the packages first: npx nx build pipeline');
    process.exit(1);
  }
  const root = mkdtempSync(join(tmpdir(), 'streamgank-pipeline-bench-'));
  try {
    const cacheDir = join(root, 'cache');
    const outDir = join(root, 'out');
    const loadBefore = loadavg()[0];
    const cold = timedRun(cacheDir, outDir);
    const warms = Array.from({ length: WARM_RUNS }, () => timedRun(cacheDir, outDir));
    const loadAfter = loadavg()[0];
    if (!cold.statuses.every((status) => status === 'miss'))
      throw new Error(`the cold run was not cold: ${cold.statuses.join(', ')}`);
    for (const warm of warms) {
      if (!warm.statuses.every((status) => status === 'hit'))
        throw new Error(`a warm run missed: ${warm.statuses.join(', ')}`);
      if (warm.sha256 !== cold.sha256) throw new Error('a warm run restored a different video');
    }
    const coldSeconds = cold.process_ms / 1000;
    const warmSeconds = median(warms.map((warm) => warm.process_ms)) / 1000;
    const ratio = coldSeconds / warmSeconds;
    printTable(
      `Pipeline, ${JOB.country}/${JOB.genre}/${JOB.platform}, ${JOB.numMovies} titles, embedded providers (whole node processes; warm = median of ${WARM_RUNS})`,
      ['run', 'seconds (process)', 'seconds (runPipeline)', 'target'],
      [
        [
          'cold (empty cache)',
          coldSeconds.toFixed(2),
          (cold.run_ms / 1000).toFixed(2),
          `< ${TARGETS.coldSeconds} s: ${verdict(coldSeconds < TARGETS.coldSeconds)}`,
        ],
        [
          'warm (every step a hit)',
          warmSeconds.toFixed(2),
          (median(warms.map((warm) => warm.run_ms)) / 1000).toFixed(2),
          `< ${TARGETS.warmSeconds} s: ${verdict(warmSeconds < TARGETS.warmSeconds)}`,
        ],
        ['cold / warm', `${ratio.toFixed(0)}×`, '', `≥ ${TARGETS.ratio}×: ${verdict(ratio >= TARGETS.ratio)}`],
      ],
    );
    console.log(
      `\nVideo: ${cold.video_seconds.toFixed(1)} s, sha256 ${cold.sha256.slice(0, 16)}…, the same on every warm run.`,
    );
    console.log(
      `Load average (1 min) on this machine: ${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after.`,
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') await child(process.argv[3], process.argv[4]);
else await main();
