import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MediaToolError, PipelineAbortedError } from '../errors.js';
import { ffmpegChildren, ffprobe } from '../test-support/probe.js';
import { tempDirs } from '../test-support/temp-dirs.js';
import { resolveMediaTools } from './binaries.js';
import { AUDIO_ENCODING, VIDEO_ENCODING } from './encoding.js';
import { probeMedia, runFfmpeg } from './ffmpeg.js';

const dirs = tempDirs('streamgank-ffmpeg');
afterAll(() => dirs.cleanup());
const tools = resolveMediaTools(process.env);

const testPattern = (seconds: number) => [
  { source: `testsrc2=s=1080x1920:r=30:d=${seconds}`, options: ['-f', 'lavfi'] },
  { source: `sine=f=440:r=48000:d=${seconds}`, options: ['-f', 'lavfi'] },
];

describe('the FFmpeg module', () => {
  it('renders a file, reports progress and probes it', async () => {
    const dir = dirs.make();
    const output = join(dir, 'pattern.mp4');
    const fractions: number[] = [];
    await runFfmpeg({
      tools,
      inputs: testPattern(2),
      outputOptions: ['-map', '0:v', '-map', '1:a', ...VIDEO_ENCODING, ...AUDIO_ENCODING],
      output,
      durationSeconds: 2,
      onProgress: (fraction) => fractions.push(fraction),
    });
    expect(readdirSync(dir)).toEqual(['pattern.mp4']);
    const probe = await probeMedia(output, tools);
    expect(probe.video).toMatchObject({ codec: 'h264', width: 1080, height: 1920, fps: 30 });
    expect(probe.audio).toMatchObject({ codec: 'aac', sampleRate: 48000, channels: 2 });
    expect(probe.durationSeconds).toBeCloseTo(2, 1);
    expect((await ffprobe(output)).streams.map((stream) => stream.codec_name).sort()).toEqual(['aac', 'h264']);
    expect(fractions.length).toBeGreaterThan(0);
    expect(fractions.every((fraction) => fraction >= 0 && fraction <= 1)).toBe(true);
  });

  it("fails with a typed error carrying FFmpeg's words, and leaves no partial file", async () => {
    const dir = dirs.make();
    const failure = runFfmpeg({
      tools,
      inputs: [{ source: join(dir, 'missing.mp4') }],
      outputOptions: ['-c', 'copy'],
      output: join(dir, 'out.mp4'),
    });
    await expect(failure).rejects.toBeInstanceOf(MediaToolError);
    await expect(failure).rejects.toThrow(/out\.mp4.*No such file/s);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('stops FFmpeg when aborted and removes its partial output', async () => {
    const dir = dirs.make();
    const controller = new AbortController();
    const started = Date.now();
    const failure = runFfmpeg({
      tools,
      inputs: testPattern(600),
      outputOptions: ['-map', '0:v', '-map', '1:a', ...VIDEO_ENCODING, ...AUDIO_ENCODING],
      output: join(dir, 'long.mp4'),
      durationSeconds: 600,
      onProgress: () => controller.abort(),
      signal: controller.signal,
    });
    await expect(failure).rejects.toBeInstanceOf(PipelineAbortedError);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(readdirSync(dir)).toEqual([]);
    expect(await ffmpegChildren()).toEqual([]);
  });

  it('does not start when the signal is already aborted', async () => {
    const dir = dirs.make();
    const controller = new AbortController();
    controller.abort();
    const output = join(dir, 'never.mp4');
    await expect(
      runFfmpeg({ tools, inputs: testPattern(1), outputOptions: [], output, signal: controller.signal }),
    ).rejects.toBeInstanceOf(PipelineAbortedError);
    expect(existsSync(output)).toBe(false);
  });
});

describe('finding FFmpeg', () => {
  it('prefers FFMPEG_PATH, then PATH, then the bundled binaries', () => {
    const bundled = resolveMediaTools({ PATH: '' });
    expect(bundled.ffmpeg).toMatch(/@ffmpeg-installer/);
    expect(bundled.ffprobe).toMatch(/@ffprobe-installer/);
    expect(resolveMediaTools({ PATH: '', FFMPEG_PATH: bundled.ffmpeg, FFPROBE_PATH: bundled.ffprobe })).toEqual(
      bundled,
    );
    expect(() => resolveMediaTools({ FFMPEG_PATH: '/nonexistent/ffmpeg' })).toThrow(
      /FFMPEG_PATH is set to \/nonexistent\/ffmpeg/,
    );
  });
});
