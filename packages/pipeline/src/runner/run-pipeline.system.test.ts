import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCache, silentLogger, type Cache } from '@streamgank/cache';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PIPELINE_STEPS,
  PipelineAbortedError,
  runPipeline,
  type RunOptions,
  type RunReport,
  type StepStatus,
} from '../index.js';
import { startCloudinaryServer, type CloudinaryTestServer } from '../test-support/cloudinary-server.js';
import { scriptsCompletion, startOpenAiServer, type OpenAiTestServer } from '../test-support/openai-server.js';
import { ffmpegChildren, ffprobe, sha256File } from '../test-support/probe.js';
import { recordingReporter, tempDirs } from '../test-support/temp-dirs.js';

// The Cloudinary SDK picks http or https when first imported; the local endpoint speaks http.
process.env['CLOUDINARY_URL'] = 'cloudinary://111:placeholder@local?upload_prefix=http://127.0.0.1:9';

const dirs = tempDirs('streamgank-e2e');
afterAll(() => dirs.cleanup());

const RUN_TIMEOUT = 240_000;
const statuses = (report: RunReport) => report.steps.map((step) => step.status);
const ALL: StepStatus[] = ['hit', 'hit', 'hit', 'hit', 'hit', 'hit', 'hit'];

function entryData<T>(cache: Cache, file: string): T {
  const entry = cache.inspect(file);
  if (!entry) throw new Error(`no entry ${file}`);
  return entry.data as T;
}

describe.sequential('the whole pipeline on the embedded providers, with the real FFmpeg', () => {
  const cacheDir = dirs.make();
  const outDir = dirs.make();
  const cache = createCache({ dir: cacheDir, logger: silentLogger, env: {} });
  const options = (more: Partial<RunOptions> = {}): RunOptions => ({
    country: 'US',
    genre: 'Horror',
    platform: 'Netflix',
    cache,
    outDir,
    env: { PATH: process.env['PATH'] },
    ...more,
  });
  let cold: RunReport;
  let coldLines: string[];
  let coldDigest: string;

  beforeAll(async () => {
    const { lines, reporter } = recordingReporter();
    cold = await runPipeline(options({ reporter }));
    coldLines = lines;
    coldDigest = sha256File(cold.video_path);
  }, RUN_TIMEOUT);

  it("produces every step on a cold cache and prints the seed's lines", () => {
    expect(statuses(cold)).toEqual(['miss', 'miss', 'miss', 'miss', 'miss', 'miss', 'miss']);
    expect(cold.steps.map((step) => [step.number, step.name, step.data_type])).toEqual(
      PIPELINE_STEPS.map((step) => [step.number, step.name, step.dataType]),
    );
    expect(cold.steps.map((step) => step.producer)).toEqual([
      'embedded-catalog',
      'embedded:embedded-writer@1',
      'ffmpeg',
      'ffmpeg',
      'ffprobe',
      'ffmpeg',
      'ffmpeg',
    ]);
    expect(coldLines).toContainEqual(expect.stringMatching(/^\[STEP 3\/7\] Asset Preparation - \d+\.\d seconds$/));
    expect(coldLines).toContain('   🔄 No cached assets found, generating new assets...');
    expect(coldLines).toContain(`   💾 Saved assets test data to: ${join(cacheDir, 'assets_us_horror_netflix.json')}`);
  });

  it('writes a 1080x1920 H.264/AAC MP4 as long as its parts', async () => {
    expect(cold.video_path).toBe(join(outDir, 'us_horror_netflix.mp4'));
    const probe = await ffprobe(cold.video_path);
    const video = probe.streams.find((stream) => stream.codec_type === 'video');
    const audio = probe.streams.find((stream) => stream.codec_type === 'audio');
    expect(video).toMatchObject({ codec_name: 'h264', width: 1080, height: 1920 });
    expect(audio).toMatchObject({ codec_name: 'aac' });

    const partsDir = dirs.make();
    const lengthOf = async (sha256: string) => {
      const path = join(partsDir, `${sha256}.mp4`);
      await cache.restoreBlob(sha256, path);
      return (await ffprobe(path)).duration;
    };
    const narration = entryData<{ videos: { video: { sha256: string } }[] }>(
      cache,
      'narration_videos_us_horror_netflix.json',
    );
    const assets = entryData<{ items: { clip: { sha256: string } }[] }>(cache, 'assets_us_horror_netflix.json');
    const scroll = entryData<{ video: { sha256: string } }>(cache, 'scroll_overlay_us_horror_netflix.json');
    let parts = await lengthOf(scroll.video.sha256);
    for (const item of narration.videos) parts += await lengthOf(item.video.sha256);
    for (const item of assets.items) parts += (await lengthOf(item.clip.sha256)) + 3;
    expect(assets.items).toHaveLength(3);
    for (const item of assets.items) expect(await lengthOf(item.clip.sha256)).toBeCloseTo(10, 1);
    expect(Math.abs(probe.duration - parts)).toBeLessThan(0.5);
    expect(Math.abs(cold.video.duration_seconds - probe.duration)).toBeLessThan(0.01);
  });

  it('writes run.json and the script files beside the video', () => {
    const runJson = JSON.parse(readFileSync(cold.run_json_path, 'utf8')) as RunReport;
    expect(cold.run_json_path).toBe(join(outDir, 'run.json'));
    expect(runJson.parameters).toEqual({
      country: 'US',
      genre: 'Horror',
      platform: 'Netflix',
      content_type: 'Film',
      num_movies: 3,
      skip_scroll: false,
    });
    expect(runJson.steps.map((step) => [step.number, step.data_type, step.status])).toEqual(
      cold.steps.map((step) => [step.number, step.data_type, step.status]),
    );
    expect(runJson.steps.every((step) => typeof step.seconds === 'number' && step.producer)).toBe(true);
    expect(readdirSync(outDir).sort()).toEqual([
      'combined_script.txt',
      'run.json',
      'script_movie1.txt',
      'script_movie2.txt',
      'script_movie3.txt',
      'us_horror_netflix.mp4',
    ]);
    expect(readFileSync(join(outDir, 'script_movie2.txt'), 'utf8')).toContain('Train to Busan');
  });

  it('takes every step from the cache the second time and restores the very same video', async () => {
    const { lines, reporter } = recordingReporter();
    const warm = await runPipeline(options({ reporter }));
    expect(statuses(warm)).toEqual(ALL);
    expect(warm.video.sha256).toBe(cold.video.sha256);
    expect(sha256File(warm.video_path)).toBe(coldDigest);
    expect(warm.time_saved_ms).toBeGreaterThan(1000);
    expect(lines).toContain(`   📂 Using cached script data from ${cacheDir}...`);
    expect(lines).toContain('   📋 Loaded 3 cached posters and 3 cached clips');
    expect(lines).not.toContainEqual(expect.stringContaining('💾'));
  });

  it(
    'leaves the scroll out when asked, assembling again from cached parts',
    async () => {
      const skipOut = dirs.make();
      const report = await runPipeline(options({ skipScroll: true, outDir: skipOut }));
      expect(statuses(report)).toEqual(['hit', 'hit', 'hit', 'hit', 'hit', 'skipped', 'stale']);
      expect(report.steps[6]?.reasons.join(' ')).toContain('scroll');
      const withScroll = (await ffprobe(cold.video_path)).duration;
      const scroll = entryData<{ duration_seconds: number }>(
        cache,
        'scroll_overlay_us_horror_netflix.json',
      ).duration_seconds;
      expect(Math.abs((await ffprobe(report.video_path)).duration - (withScroll - scroll))).toBeLessThan(0.5);
    },
    RUN_TIMEOUT,
  );
});

describe.sequential('what each change redoes (OpenAI and Cloudinary on local servers)', () => {
  const cacheDir = dirs.make();
  const cache = createCache({ dir: cacheDir, logger: silentLogger, env: {} });
  const cloud = { name: 'streamgank-test', apiKey: '987654321', apiSecret: 'local-secret' };
  let openai: OpenAiTestServer;
  let cloudinary: CloudinaryTestServer;
  const env = (model: string): NodeJS.ProcessEnv => ({
    PATH: process.env['PATH'],
    OPENAI_API_KEY: 'sk-test-local-only',
    OPENAI_BASE_URL: openai.baseURL,
    STREAMGANK_OPENAI_MODEL: model,
    CLOUDINARY_URL: `cloudinary://${cloud.apiKey}:${cloud.apiSecret}@${cloud.name}?upload_prefix=${cloudinary.origin}`,
  });
  const run = (model: string, numMovies: number) =>
    runPipeline({
      country: 'US',
      genre: 'Comedy',
      platform: 'Netflix',
      numMovies,
      cache,
      outDir: dirs.make(),
      env: env(model),
    });

  beforeAll(async () => {
    openai = await startOpenAiServer((chat) => scriptsCompletion(chat));
    cloudinary = await startCloudinaryServer(cloud);
  });
  afterAll(async () => {
    await openai.close();
    await cloudinary.close();
  });

  it(
    'uploads posters and clips and keeps their secure URLs',
    async () => {
      const report = await run('model-a', 2);
      expect(statuses(report)).toEqual(['miss', 'miss', 'miss', 'miss', 'miss', 'miss', 'miss']);
      expect(report.steps[1]?.producer).toBe('openai:model-a');
      expect(report.steps[2]?.producer).toBe('ffmpeg+cloudinary');
      const assets = entryData<{
        enhanced_posters: Record<string, string>;
        movie_clips: string[];
        items: { poster: { sha256: string }; clip: { sha256: string } }[];
      }>(cache, 'assets_us_comedy_netflix.json');
      expect(Object.values(assets.enhanced_posters)).toHaveLength(2);
      for (const url of Object.values(assets.enhanced_posters))
        expect(url).toMatch(/^https:\/\/res\.cloudinary\.com\/streamgank-test\/image\/upload\//);
      for (const url of assets.movie_clips)
        expect(url).toMatch(/^https:\/\/res\.cloudinary\.com\/streamgank-test\/video\/upload\//);
      const uploaded = cloudinary.uploads.map((upload) => upload.sha256).sort();
      expect(uploaded).toEqual(assets.items.flatMap((item) => [item.poster.sha256, item.clip.sha256]).sort());
      expect(cloudinary.rejected).toEqual([]);
    },
    RUN_TIMEOUT,
  );

  it(
    'a new script model redoes the scripts and what uses them, but not posters, clips or the scroll',
    async () => {
      const uploadsBefore = cloudinary.uploads.length;
      const report = await run('model-b', 2);
      expect(statuses(report)).toEqual(['hit', 'stale', 'hit', 'stale', 'stale', 'hit', 'stale']);
      expect(report.steps[1]?.reasons).toContain('model: "model-a" → "model-b"');
      expect(report.steps[1]?.producer).toBe('openai:model-b');
      expect(cloudinary.uploads.length).toBe(uploadsBefore);
    },
    RUN_TIMEOUT,
  );

  it(
    'a new number of titles redoes everything',
    async () => {
      const report = await run('model-b', 1);
      expect(statuses(report)).toEqual(['stale', 'stale', 'stale', 'stale', 'stale', 'stale', 'stale']);
      expect(report.steps[0]?.reasons).toContain('num_movies: 2 → 1');
      const runAgain = await run('model-b', 1);
      expect(statuses(runAgain)).toEqual(ALL);
    },
    RUN_TIMEOUT,
  );
});

describe('cancelling a run', () => {
  it(
    'stops FFmpeg, keeps finished steps cached and leaves no temporary files',
    async () => {
      const scratch = dirs.make();
      const cache = createCache({ dir: dirs.make(), logger: silentLogger, env: {} });
      const previousTmp = process.env['TMPDIR'];
      // The run's scratch folder goes under os.tmpdir(): point it here to see that nothing is left.
      process.env['TMPDIR'] = scratch;
      try {
        const controller = new AbortController();
        const outDir = join(scratch, 'out');
        mkdirSync(outDir);
        const failure = runPipeline({
          country: 'GB',
          genre: 'Crime',
          platform: 'Netflix',
          cache,
          outDir,
          env: { PATH: process.env['PATH'] },
          signal: controller.signal,
          reporter: {
            line: () => {},
            progress: (step, _fraction, note) =>
              step.number === 3 && note?.startsWith('clip') ? controller.abort() : undefined,
          },
        });
        await expect(failure).rejects.toBeInstanceOf(PipelineAbortedError);
        await expect(failure).rejects.toThrow(/step 3\/7 \(Asset Preparation\)/);
        expect(await ffmpegChildren()).toEqual([]);
        expect(readdirSync(scratch)).toEqual(['out']);
        expect(readdirSync(outDir)).toEqual([]);
        expect(
          cache
            .list()
            .files.map((file) => file.data_type)
            .sort(),
        ).toEqual(['catalog', 'script_result']);
        expect(existsSync(join(cache.directory, 'assets_gb_crime_netflix.json'))).toBe(false);
      } finally {
        if (previousTmp === undefined) delete process.env['TMPDIR'];
        else process.env['TMPDIR'] = previousTmp;
      }
    },
    RUN_TIMEOUT,
  );
});
