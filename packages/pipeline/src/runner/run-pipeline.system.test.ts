import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createCache, silentLogger, type Cache } from '@streamgank/cache';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PIPELINE_STEPS,
  PipelineAbortedError,
  PipelineStepError,
  runPipeline,
  VoiceFormatError,
  type RunOptions,
  type RunReport,
  type StepStatus,
} from '../index.js';
import { startCloudinaryServer, type CloudinaryTestServer } from '../test-support/cloudinary-server.js';
import {
  scriptsCompletion,
  spokenAudio,
  startOpenAiServer,
  type OpenAiTestServer,
  type SpeechReply,
  type SpeechRequest,
} from '../test-support/openai-server.js';
import { audioStats, ffmpegChildren, ffprobe, sha256File } from '../test-support/probe.js';
import { readSrt } from '../test-support/srt.js';
import { mountTmpfs, tmpfsRequirement } from '../test-support/tmpfs.js';
import { recordingReporter, tempDirs } from '../test-support/temp-dirs.js';

// The Cloudinary SDK picks http or https when first imported; the local endpoint speaks http.
process.env['CLOUDINARY_URL'] = 'cloudinary://111:placeholder@local?upload_prefix=http://127.0.0.1:9';

const dirs = tempDirs('streamgank-e2e');
afterAll(() => dirs.cleanup());

// A cold run takes about a minute here, and several times that while other builds share the two cores.
const RUN_TIMEOUT = 600_000;
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
      'embedded:embedded-writer@2',
      'ffmpeg',
      expect.stringMatching(/^espeak-ng@\d+\.\d+\.\d+\+ffmpeg$/),
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
      language: 'en',
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
      'us_horror_netflix.srt',
    ]);
    expect(readFileSync(join(outDir, 'script_movie2.txt'), 'utf8')).toContain('Train to Busan');
  });

  it('speaks each narration: a voice track of its own, with pauses between sentences, as loud as speech', async () => {
    const narration = entryData<{
      videos: {
        video: { sha256: string };
        voice: { sha256: string; media_type: string };
        voice_seconds: number;
        duration_seconds: number;
        captions: { start: number; end: number; text: string }[];
      }[];
    }>(cache, 'narration_videos_us_horror_netflix.json');
    const scripts = readFileSync(join(outDir, 'combined_script.txt'), 'utf8').trim().split('\n\n');
    const partsDir = dirs.make();
    for (const [index, item] of narration.videos.entries()) {
      expect(item.voice.media_type).toBe('audio/wav');
      const voicePath = join(partsDir, `${item.voice.sha256}.wav`);
      await cache.restoreBlob(item.voice.sha256, voicePath);
      expect((await ffprobe(voicePath)).duration).toBeCloseTo(item.voice_seconds, 2);
      // The narration video lasts as long as its voice (to the frame above).
      expect(item.duration_seconds).toBeGreaterThanOrEqual(item.voice_seconds);
      expect(item.duration_seconds - item.voice_seconds).toBeLessThan(1 / 30 + 1e-6);
      expect(item.captions.map((caption) => caption.text).join(' ')).toBe(scripts[index]);
      const stats = await audioStats(voicePath);
      for (const [at, caption] of item.captions.slice(1).entries()) {
        const before = item.captions[at]?.end ?? 0;
        expect(stats.silences.some((silence) => silence.start < caption.start && silence.end > before)).toBe(true);
      }
      expect(stats.meanVolumeDb).toBeGreaterThan(-35);
      expect(stats.maxVolumeDb).toBeGreaterThan(-10);
    }
  });

  it('has the voice in the final video and its captions beside it, ordered and inside the video', async () => {
    const probe = await ffprobe(cold.video_path);
    expect(probe.streams.filter((stream) => stream.codec_type === 'audio')).toHaveLength(1);
    expect(cold.captions_path).toBe(join(outDir, 'us_horror_netflix.srt'));
    const cues = readSrt(readFileSync(cold.captions_path, 'utf8'));
    const scripts = readFileSync(join(outDir, 'combined_script.txt'), 'utf8');
    expect(cues.length).toBeGreaterThanOrEqual(4);
    expect(cues.map((cue) => cue.index)).toEqual(cues.map((_, index) => index + 1));
    for (const [index, cue] of cues.entries()) {
      expect(cue.end).toBeGreaterThan(cue.start);
      if (index > 0) expect(cue.start).toBeGreaterThanOrEqual(cues[index - 1]?.end ?? Infinity);
      expect(scripts).toContain(cue.text);
    }
    expect(cues[0]?.start).toBeGreaterThan(0);
    expect(cues.at(-1)?.end).toBeLessThan(probe.duration);
    // While the first caption is on, the final video speaks at the level of speech.
    const first = cues[0];
    if (!first) throw new Error('no captions');
    const speech = await audioStats(cold.video_path, { start: first.start, seconds: first.end - first.start });
    expect(speech.meanVolumeDb).toBeGreaterThan(-35);
  });

  it('takes every step from the cache the second time and restores the very same video', async () => {
    const { lines, reporter } = recordingReporter();
    const before = statSync(cold.video_path);
    const warm = await runPipeline(options({ reporter }));
    const after = statSync(warm.video_path);
    // The video already in place is kept as it is: a warm run writes no video.
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
    expect(statuses(warm)).toEqual(ALL);
    expect(warm.video.sha256).toBe(cold.video.sha256);
    expect(sha256File(warm.video_path)).toBe(coldDigest);
    expect(warm.time_saved_ms).toBeGreaterThan(1000);
    expect(lines).toContain(`   📂 Using cached script data from ${cacheDir}...`);
    expect(lines).toContain('   📋 Loaded 3 cached posters and 3 cached clips');
    expect(lines).not.toContainEqual(expect.stringContaining('💾'));
    rmSync(warm.video_path);
    const again = await runPipeline(options());
    expect(statuses(again)).toEqual(ALL);
    expect(sha256File(again.video_path)).toBe(coldDigest);
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
  const speechDir = dirs.make();
  /** What the local text-to-speech endpoint answers: real speech, unless a test says otherwise. */
  let speech: (request: SpeechRequest) => SpeechReply | Promise<SpeechReply> = (request) =>
    spokenAudio(request, speechDir);
  const env = (model: string, voice = 'alloy'): NodeJS.ProcessEnv => ({
    PATH: process.env['PATH'],
    OPENAI_API_KEY: 'sk-test-local-only',
    OPENAI_BASE_URL: openai.baseURL,
    STREAMGANK_OPENAI_MODEL: model,
    STREAMGANK_VOICE: voice,
    CLOUDINARY_URL: `cloudinary://${cloud.apiKey}:${cloud.apiSecret}@${cloud.name}?upload_prefix=${cloudinary.origin}`,
  });
  const run = (model: string, numMovies: number, voice?: string) =>
    runPipeline({
      country: 'US',
      genre: 'Comedy',
      platform: 'Netflix',
      numMovies,
      cache,
      outDir: dirs.make(),
      env: env(model, voice),
    });

  beforeAll(async () => {
    openai = await startOpenAiServer(
      (chat) => scriptsCompletion(chat),
      (request) => speech(request),
    );
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
      expect(report.steps[3]?.producer).toBe('openai:gpt-4o-mini-tts+ffmpeg');
      const narration = cache.inspect('narration_videos_us_comedy_netflix.json');
      const spoken = openai.speechRequests.map((request) => request.input);
      expect(openai.speechRequests.every((request) => request.voice === 'alloy')).toBe(true);
      expect(narration?.metadata).toMatchObject({
        producer: 'openai:gpt-4o-mini-tts+ffmpeg',
        usage: { requests: spoken.length, characters: spoken.join('').length },
      });
      expect(narration?.metadata?.cost_usd).toBeGreaterThan(0);
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
      expect(report.steps[3]?.reasons.join(' ')).toContain('scripts');
      expect(report.steps[1]?.reasons).toContain('model: "model-a" → "model-b"');
      expect(report.steps[1]?.producer).toBe('openai:model-b');
      expect(cloudinary.uploads.length).toBe(uploadsBefore);
    },
    RUN_TIMEOUT,
  );

  it(
    'a new voice redoes the narration and what uses it, never the catalog, the scripts or the posters',
    async () => {
      const requestsBefore = openai.requests.length;
      const report = await run('model-b', 2, 'nova');
      expect(statuses(report)).toEqual(['hit', 'hit', 'hit', 'stale', 'stale', 'hit', 'stale']);
      expect(report.steps[3]?.reasons.join(' ')).toContain('voice');
      expect(openai.requests.length).toBe(requestsBefore);
      expect(openai.speechRequests.at(-1)?.voice).toBe('nova');
    },
    RUN_TIMEOUT,
  );

  it(
    'caches nothing when the voice answers with something that is not audio',
    async () => {
      const before = cache.inspect('narration_videos_us_comedy_netflix.json');
      speech = () => ({
        status: 200,
        audio: Buffer.from('RIFF\0\0\0\0WAVEfmt definitely not audio'),
        contentType: 'audio/wav',
      });
      try {
        const failure = run('model-b', 2, 'echo');
        await expect(failure).rejects.toBeInstanceOf(PipelineStepError);
        const error = (await failure.catch((caught: unknown) => caught)) as PipelineStepError;
        expect(error.step).toBe(4);
        expect(error.cause).toBeInstanceOf(VoiceFormatError);
      } finally {
        speech = (request) => spokenAudio(request, speechDir);
      }
      const after = cache.inspect('narration_videos_us_comedy_netflix.json');
      expect(after?.metadata?.data_sha256).toBe(before?.metadata?.data_sha256);
      expect(after?.metadata?.inputs).toMatchObject({ voice: { voice: 'nova' } });
    },
    RUN_TIMEOUT,
  );

  it(
    'a new number of titles redoes everything',
    async () => {
      const report = await run('model-b', 1, 'nova');
      expect(statuses(report)).toEqual(['stale', 'stale', 'stale', 'stale', 'stale', 'stale', 'stale']);
      expect(report.steps[0]?.reasons).toContain('num_movies: 2 → 1');
      const runAgain = await run('model-b', 1, 'nova');
      expect(statuses(runAgain)).toEqual(ALL);
    },
    RUN_TIMEOUT,
  );
});

describe.sequential("speaking the job's language", () => {
  const cache = createCache({ dir: dirs.make(), logger: silentLogger, env: {} });
  const words = (text: string) => new Set(text.toLowerCase().match(/\p{L}+/gu) ?? []);
  const uses = (text: string, vocabulary: readonly string[]) => vocabulary.filter((word) => words(text).has(word));

  async function job(country: string, genre: string, outDir = dirs.make()) {
    const report = await runPipeline({
      country,
      genre,
      platform: 'Netflix',
      numMovies: 2,
      skipScroll: true,
      cache,
      outDir,
      env: { PATH: process.env['PATH'] },
    });
    const script = readFileSync(join(outDir, 'combined_script.txt'), 'utf8');
    const captions = readSrt(readFileSync(report.captions_path, 'utf8'));
    const probe = await ffprobe(report.video_path);
    return { report, script, captions, probe, text: captions.map((cue) => cue.text).join(' ') };
  }

  it(
    'a French job is written, spoken and captioned in French',
    async () => {
      const { report, script, captions, probe, text } = await job('FR', 'Horreur');
      expect(report.parameters.language).toBe('fr');
      expect(script).toContain('de la catégorie Horreur');
      expect(
        uses(text, ['les', 'et', 'sur', 'vous', 'voici', 'catégorie', 'qui', 'avec', 'car']).length,
      ).toBeGreaterThanOrEqual(4);
      expect(uses(text, ['the', 'and', 'with', 'because', 'you', 'here'])).toEqual([]);
      expect(captions.at(-1)?.end).toBeLessThan(probe.duration);
      expect(probe.streams.some((stream) => stream.codec_type === 'audio')).toBe(true);
    },
    RUN_TIMEOUT,
  );

  it(
    'a German job is written, spoken and captioned in German, its scratch files on another file system',
    async () => {
      const requirement = tmpfsRequirement();
      const tmpfs = requirement.skip ? undefined : mountTmpfs();
      const outDir = dirs.make();
      const previousTmp = process.env['TMPDIR'];
      // The run's scratch folder (and so its final video) goes under os.tmpdir(): a tmpfs here, so
      // putting the video in the output folder crosses file systems.
      if (tmpfs) process.env['TMPDIR'] = tmpfs.path;
      try {
        const { report, script, captions, probe, text } = await job('DE', 'Horror', outDir);
        expect(report.parameters.language).toBe('de');
        expect(script).toContain('aus der Kategorie Horror');
        const german = ['die', 'der', 'und', 'auf', 'mit', 'denn', 'du', 'hier', 'kategorie', 'sind', 'ist'];
        expect(uses(text, german).length).toBeGreaterThanOrEqual(4);
        expect(uses(text, ['the', 'and', 'with', 'because', 'you', 'les', 'vous'])).toEqual([]);
        expect(captions.at(-1)?.end).toBeLessThan(probe.duration);
        expect(sha256File(report.video_path)).toBe(report.video.sha256);
        if (tmpfs) expect(readdirSync(tmpfs.path)).toEqual([]);
      } finally {
        if (previousTmp === undefined) delete process.env['TMPDIR'];
        else process.env['TMPDIR'] = previousTmp;
        tmpfs?.unmount();
      }
    },
    RUN_TIMEOUT,
  );

  it(
    'another language redoes the scripts and what uses them, never the catalog or the posters',
    async () => {
      const report = await runPipeline({
        country: 'DE',
        genre: 'Horror',
        platform: 'Netflix',
        numMovies: 2,
        skipScroll: true,
        language: 'fr',
        cache,
        outDir: dirs.make(),
        env: { PATH: process.env['PATH'] },
      });
      expect(statuses(report)).toEqual(['hit', 'stale', 'hit', 'stale', 'stale', 'skipped', 'stale']);
      expect(report.steps[1]?.reasons).toContain('language: "de" → "fr"');
      expect(readFileSync(join(report.out_dir, 'combined_script.txt'), 'utf8')).toContain('de la catégorie Horreur');
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
