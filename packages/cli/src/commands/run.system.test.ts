import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { RunReport } from '@streamgank/pipeline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliLoggingModules } from '../test-support/module-log.js';
import { BIN, cleanEnv, finished, parseJsonOutput, runCli, type CliResult } from '../test-support/run-cli.js';
import { tempDir } from '@streamgank/testing';

const US_HORROR = ['--country', 'US', '--genre', 'Horror', '--platform', 'Netflix'];
const RUN_TIMEOUT_MS = 10 * 60_000;
const WORKSPACE_ROOT = resolve(import.meta.dirname, '..', '..', '..', '..');

/** A folder the runs use as TMPDIR, so that a test can see whether they leave anything there. */
function scratch(root: string): string {
  const dir = join(root, 'tmp');
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Every file under `dir` (recursively), relative to it. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1));
}

// One real first run (FFmpeg, about a minute) fills a cache that the other tests copy.
let filled: { root: string; cache: string; result: CliResult };

beforeAll(async () => {
  const root = mkdtempSync(join(tmpdir(), 'streamgank-cli-run-'));
  const cache = join(root, 'cache');
  const result = await runCli(['--cache-dir', cache, 'run', ...US_HORROR, '--out', join(root, 'out')], {
    cwd: root,
    env: { TMPDIR: scratch(root) },
    timeoutMs: RUN_TIMEOUT_MS,
  });
  filled = { root, cache, result };
}, RUN_TIMEOUT_MS);

afterAll(() => {
  if (filled) rmSync(filled.root, { recursive: true, force: true });
});

/** A copy of the filled cache, for a test that may change it. */
/** `streamgank run` of the US/Horror/Netflix job on `cache`, with the run's ten minutes. */
function runJob(cache: string, cwd: string, extra: readonly string[]) {
  return runCli(['--cache-dir', cache, 'run', ...US_HORROR, ...extra], { cwd, timeoutMs: RUN_TIMEOUT_MS });
}

function copyOfFilledCache(): string {
  const copy = join(tempDir(), 'cache');
  cpSync(filled.cache, copy, { recursive: true });
  return copy;
}

describe('streamgank run', { timeout: RUN_TIMEOUT_MS }, () => {
  it("makes a video on a first run, printing the seed's lines and where the video is", () => {
    const { result, root } = filled;
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines.filter((line) => line.startsWith('[STEP ')).map((line) => line.replace(/ - .*$/, ''))).toEqual([
      '[STEP 1/7] Catalog Query',
      '[STEP 2/7] Script Generation',
      '[STEP 3/7] Asset Preparation',
      '[STEP 4/7] Narration Videos',
      '[STEP 5/7] Collect Narration Videos',
      '[STEP 6/7] Scroll Overlay',
      '[STEP 7/7] Final Assembly',
    ]);
    expect(result.stdout).toContain('   🔄 No cached data found, generating new scripts...');
    expect(result.stdout).toContain(
      `   💾 Saved script_result test data to: ${join(filled.cache, 'script_result_us_horror_netflix.json')}`,
    );
    const video = join(root, 'out', 'us_horror_netflix.mp4');
    expect(lines).toContain(`Video: ${video}`);
    expect(lines).toContain(`Captions: ${join(root, 'out', 'us_horror_netflix.srt')}`);
    expect(statSync(join(root, 'out', 'us_horror_netflix.srt')).size).toBeGreaterThan(100);
    expect(statSync(video).size).toBeGreaterThan(100_000);
    expect(result.stdout).toMatch(/\nDone in \d+(\.\d)? s|\nDone in \d+ min \d+ s/);
    expect(result.stdout).toContain('the cache saved 0.0 s (0 of 7 steps from the cache).');
    // Progress of the long steps, as plain lines: stderr is not a terminal here.
    expect(result.stderr).toMatch(/ {3}\.\.\. \d+% Asset Preparation \(step 3\/7\)/);
    expect(filesUnder(join(root, 'tmp'))).toEqual([]);
  });

  it('serves every step from the cache on a second run; --json prints the run report only, --quiet only the summary', async () => {
    const cache = copyOfFilledCache();
    const out = join(tempDir(), 'out');
    const result = await runJob(cache, tempDir(), ['--out', out, '--json']);
    expect(result.code, result.stderr).toBe(0);
    const report = parseJsonOutput<RunReport>(result);
    expect(report.steps.map((step) => step.status)).toEqual(['hit', 'hit', 'hit', 'hit', 'hit', 'hit', 'hit']);
    expect(report.steps[1]).toMatchObject({
      number: 2,
      name: 'Script Generation',
      data_type: 'script_result',
      file: 'script_result_us_horror_netflix.json',
    });
    expect(report.time_saved_ms).toBeGreaterThan(1000);
    expect(report.video_path).toBe(join(out, 'us_horror_netflix.mp4'));
    expect(statSync(report.video_path).size).toBe(report.video.bytes);
    expect(result.stderr).toContain(`   📂 Using cached script data from ${cache}...`);

    const quiet = await runCli(['--quiet', '--cache-dir', cache, 'run', ...US_HORROR, '--out', out], {
      cwd: tempDir(),
      timeoutMs: RUN_TIMEOUT_MS,
    });
    expect(quiet.code, quiet.stderr).toBe(0);
    expect(quiet.stdout).not.toContain('[STEP');
    expect(quiet.stdout).toContain(`Video: ${join(out, 'us_horror_netflix.mp4')}`);
    expect(quiet.stderr).toBe('');
  });

  it('loads no voice, FFmpeg, SDK or SubRip code when every step is a hit', async () => {
    const cache = copyOfFilledCache();
    const cwd = tempDir();
    const warm = await runCliLoggingModules(['--cache-dir', cache, 'run', ...US_HORROR, '--out', join(cwd, 'out')], {
      cwd,
      logDir: tempDir(),
      timeoutMs: RUN_TIMEOUT_MS,
    });
    expect(warm.code, warm.stderr).toBe(0);
    expect(warm.stdout).toContain('(7 of 7 steps from the cache)');
    // The hook saw the pipeline load, so an absence below means something.
    expect(warm.modules.some((url) => url.endsWith('/pipeline/dist/index.js'))).toBe(true);
    const producersOnly = /\/node_modules\/(espeak-ng|openai|fluent-ffmpeg|cloudinary|subtitle|fs-extra)\//;
    expect(warm.modules.filter((url) => producersOnly.test(url))).toEqual([]);
  });

  it('runs in readonly mode once the cache is filled, and --refresh produces only the named step again', async () => {
    const cache = copyOfFilledCache();
    const cwd = tempDir();
    const readonly = await runJob(cache, cwd, ['--cache-mode', 'readonly', '--json']);
    expect(readonly.code, readonly.stderr).toBe(0);
    const refreshed = await runJob(cache, cwd, ['--refresh', 'scripts', '--json']);
    expect(refreshed.code, refreshed.stderr).toBe(0);
    const steps = parseJsonOutput<RunReport>(refreshed).steps;
    expect(steps[0]?.status).toBe('hit');
    expect(steps[1]?.status).toBe('refresh');
    expect(refreshed.stderr).toContain('🔄 Refreshing');
  });

  it(
    'explains a stale step by the changed input with both values (--explain and --json); a restored version is a hit again',
    async () => {
      const cache = copyOfFilledCache();
      const cwd = tempDir();
      const stale = await runJob(cache, cwd, ['--num-movies', '2', '--explain', '--json', '--out', join(cwd, 'out')]);
      expect(stale.code, stale.stderr).toBe(0);
      const report = parseJsonOutput<RunReport>(stale);
      expect(report.steps[0]).toMatchObject({
        status: 'stale',
        explanation: {
          kind: 'stale',
          file: 'catalog_us_horror_netflix.json',
          changes: expect.arrayContaining([expect.objectContaining({ input: 'num_movies', before: 3, after: 2 })]),
        },
      });
      // A chained step names the upstream entry that changed.
      expect(report.steps[1]?.explanation).toMatchObject({
        kind: 'stale',
        upstream: expect.arrayContaining([expect.objectContaining({ file: 'catalog_us_horror_netflix.json' })]),
      });
      expect(stale.stderr).toContain('   why: produced: catalog_us_horror_netflix.json was stale: num_movies: 3 → 2');

      // Every step the run made again gets back the version made with 3 movies: the run with 3 is all hits.
      for (const step of report.steps.filter((each) => each.status === 'stale' && each.file)) {
        const restored = await runCli(['--cache-dir', cache, 'cache', 'restore', step.file ?? '', '--version', '1'], {
          cwd,
        });
        expect(restored.code, restored.stderr).toBe(0);
      }
      const again = await runJob(cache, cwd, ['--cache-mode', 'readonly', '--json']);
      expect(again.code, again.stderr).toBe(0);
      const steps = parseJsonOutput<RunReport>(again).steps;
      expect(steps.map((step) => step.status)).toEqual(['hit', 'hit', 'hit', 'hit', 'hit', 'hit', 'hit']);
      expect(steps.map((step) => step.explanation?.kind)).toEqual(['hit', 'hit', 'hit', 'hit', 'hit', 'hit', 'hit']);
    },
    RUN_TIMEOUT_MS,
  );

  it('stops on Ctrl-C: exit 130, finished steps cached and whole, no FFmpeg left, no temp files', async () => {
    const root = tempDir();
    const cache = join(root, 'cache');
    const out = join(root, 'out');
    const child = spawn(process.execPath, [BIN, '--cache-dir', cache, 'run', ...US_HORROR, '--out', out], {
      cwd: root,
      env: cleanEnv({ TMPDIR: scratch(root) }),
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, as a shell makes for a job: Ctrl-C reaches the CLI and its FFmpeg children alike.
      detached: true,
    });
    const done = finished(child, RUN_TIMEOUT_MS);
    await new Promise<void>((resolveStarted) => {
      let progress = '';
      child.stderr?.on('data', (chunk: Buffer) => {
        progress += chunk.toString();
        if (/\.\.\. \d+% Asset Preparation/.test(progress)) resolveStarted();
      });
    });
    process.kill(-(child.pid as number), 'SIGINT');
    const result = await done;

    expect(result.code).toBe(130);
    expect(result.stderr).toContain('Stopping (SIGINT)');
    expect(result.stderr.trim().split('\n').at(-1)).toBe(
      'streamgank: error: Interrupted; what was already cached is kept.',
    );
    expect(() => process.kill(-(child.pid as number), 0)).toThrow(/ESRCH/);
    expect(filesUnder(join(root, 'tmp'))).toEqual([]);
    expect(filesUnder(out)).toEqual([]);

    const verify = await runCli(['--cache-dir', cache, 'cache', 'verify', '--json'], { cwd: root });
    expect(verify.code, verify.stdout).toBe(0);
    expect(parseJsonOutput(verify)).toMatchObject({ checked_entries: 2, ok_entries: 2, healthy: true });
    const resumed = await runCli(['--cache-dir', cache, 'run', ...US_HORROR, '--cache-mode', 'readonly'], {
      cwd: root,
    });
    expect(resumed.code).toBe(3);
    expect(resumed.stdout).toContain('📂 Using cached script data');
    expect(resumed.stderr).toContain('No usable cached assets for US/Horror/Netflix');
  });
});

describe('nx run cli:start', () => {
  it(
    'builds and runs `streamgank run` from the workspace root, passing the arguments after --',
    async () => {
      const cache = copyOfFilledCache();
      const out = join(tempDir(), 'out');
      const nx = spawn('npx', ['nx', 'run', 'cli:start', '--', ...US_HORROR, '--out', out], {
        cwd: WORKSPACE_ROOT,
        env: cleanEnv({ STREAMGANK_CACHE_DIR: cache, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' }),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const result = await finished(nx, RUN_TIMEOUT_MS);
      expect(result.code, result.stdout + result.stderr).toBe(0);
      expect(result.stdout).toContain(`   📂 Using cached final video from ${cache}...`);
      expect(result.stdout).toContain(`Video: ${join(out, 'us_horror_netflix.mp4')}`);
      expect(existsSync(join(out, 'us_horror_netflix.mp4'))).toBe(true);
    },
    RUN_TIMEOUT_MS,
  );

  it(
    'makes the US / Horror / Netflix video when no arguments are given',
    async () => {
      const cache = copyOfFilledCache();
      const cwd = tempDir();
      // What the start target runs (from the workspace root there; from a temp dir here, where its video goes).
      const start = spawn(process.execPath, [join(BIN, '..', 'start.js')], {
        cwd,
        env: cleanEnv({ STREAMGANK_CACHE_DIR: cache }),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const result = await finished(start, RUN_TIMEOUT_MS);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain(`Video: ${join(cwd, 'videos', 'us_horror_netflix', 'us_horror_netflix.mp4')}`);
      expect(result.stdout).toContain('(7 of 7 steps from the cache)');
    },
    RUN_TIMEOUT_MS,
  );
});
