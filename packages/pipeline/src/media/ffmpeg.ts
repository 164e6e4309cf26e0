import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
// eslint-disable-next-line no-restricted-imports -- this is the one module that may use fluent-ffmpeg.
import type FluentFfmpeg from 'fluent-ffmpeg';
import { MediaToolError, PipelineAbortedError } from '../errors.js';
import type { MediaTools } from './binaries.js';

/*
 * The one module that uses fluent-ffmpeg (archived upstream): everything else describes a job
 * and calls runFfmpeg / probeMedia, so replacing the wrapper later touches only this file.
 */

export interface FfmpegInput {
  /** A file path, or a lavfi graph when `options` holds `-f lavfi`. */
  readonly source: string;
  readonly options?: readonly string[];
}

export interface FfmpegJob {
  readonly tools: MediaTools;
  readonly inputs: readonly FfmpegInput[];
  readonly filterComplex?: string;
  /** Output options as separate arguments (`['-c:v', 'libx264', ...]`). */
  readonly outputOptions: readonly string[];
  /** Written to a temporary name beside it and renamed into place only on success. */
  readonly output: string;
  /** The output's expected length, for progress fractions. */
  readonly durationSeconds?: number;
  readonly onProgress?: (fraction: number) => void;
  readonly signal?: AbortSignal;
}

export interface MediaProbe {
  readonly durationSeconds: number;
  readonly formatName: string;
  readonly video?: { readonly codec: string; readonly width: number; readonly height: number; readonly fps: number };
  readonly audio?: { readonly codec: string; readonly sampleRate: number; readonly channels: number };
}

/** How long FFmpeg gets to stop after SIGTERM before it is killed outright. */
export const KILL_GRACE_MS = 2000;
const STDERR_TAIL_LINES = 12;

type FluentModule = typeof FluentFfmpeg;
let loading: Promise<FluentModule> | undefined;

/** Loaded on first use: a run served from the cache never pays for it. */
function fluent(): Promise<FluentModule> {
  loading ??= import('fluent-ffmpeg').then((module) => module.default);
  return loading;
}

function partialPathFor(output: string): string {
  const extension = extname(output);
  const stem = basename(output, extension);
  return join(dirname(output), `.${stem}.partial-${randomBytes(4).toString('hex')}${extension}`);
}

function parseTimemark(line: string): number | undefined {
  const match = /time=\s*(\d+):(\d{2}):(\d{2}(?:\.\d+)?)/.exec(line);
  if (!match) return undefined;
  return Number(match[1]) * 3600 + Number(match[2]) * 60 + Number(match[3]);
}

function stderrTail(lines: readonly string[]): string {
  return lines
    .filter((line) => line.trim() && !/^\s*(frame=|size=|Fontconfig)/.test(line))
    .slice(-STDERR_TAIL_LINES)
    .join('\n');
}

/** Run one FFmpeg job. Aborting `signal` stops FFmpeg (SIGTERM, then SIGKILL) and removes its partial output. */
export async function runFfmpeg(job: FfmpegJob): Promise<void> {
  if (job.signal?.aborted) throw new PipelineAbortedError(undefined, undefined);
  const ffmpeg = await fluent();
  await mkdir(dirname(job.output), { recursive: true });
  const partial = partialPathFor(job.output);
  const stderr: string[] = [];

  const command = ffmpeg({ stdoutLines: 0 }).setFfmpegPath(job.tools.ffmpeg).setFfprobePath(job.tools.ffprobe);
  for (const input of job.inputs) {
    command.input(input.source);
    if (input.options && input.options.length > 0) command.inputOptions(...input.options);
  }
  if (job.filterComplex) command.complexFilter(job.filterComplex);
  command.output(partial).outputOptions('-hide_banner', '-nostdin', ...job.outputOptions);

  try {
    await new Promise<void>((resolve, reject) => {
      let started = false;
      let killTimer: NodeJS.Timeout | undefined;
      const stop = () => {
        if (!started) return;
        command.kill('SIGTERM');
        killTimer = setTimeout(() => command.kill('SIGKILL'), KILL_GRACE_MS);
        killTimer.unref();
      };
      const finish = (error?: Error) => {
        if (killTimer) clearTimeout(killTimer);
        job.signal?.removeEventListener('abort', stop);
        if (job.signal?.aborted) reject(new PipelineAbortedError(undefined, undefined));
        else if (error) reject(error);
        else resolve();
      };
      job.signal?.addEventListener('abort', stop, { once: true });
      command
        .on('start', () => {
          started = true;
          if (job.signal?.aborted) stop();
        })
        .on('stderr', (line: string) => {
          stderr.push(line);
          if (stderr.length > 200) stderr.splice(0, stderr.length - 100);
          const seconds = parseTimemark(line);
          if (seconds !== undefined && job.durationSeconds && job.onProgress) {
            job.onProgress(Math.min(1, seconds / job.durationSeconds));
          }
        })
        .on('end', () => finish())
        .on('error', (error: Error) => {
          const tail = stderrTail(stderr);
          const last = tail.split('\n').pop() ?? '';
          finish(
            new MediaToolError(
              `FFmpeg could not make ${basename(job.output)}: ${error.message}${last ? ` (${last.trim()})` : ''}`,
              tail,
              { cause: error },
            ),
          );
        })
        .run();
    });
    await rename(partial, job.output);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}

function frameRate(rate: string | undefined): number {
  const [numerator, denominator] = (rate ?? '0/1').split('/').map(Number);
  return denominator ? (numerator ?? 0) / denominator : 0;
}

/** Streams and duration of a media file, from ffprobe. */
export async function probeMedia(path: string, tools: MediaTools): Promise<MediaProbe> {
  const ffmpeg = await fluent();
  const data = await new Promise<FluentFfmpeg.FfprobeData>((resolve, reject) => {
    ffmpeg(path)
      .setFfprobePath(tools.ffprobe)
      .ffprobe((error: Error | null, result: FluentFfmpeg.FfprobeData) => {
        if (error)
          reject(
            new MediaToolError(`ffprobe could not read ${basename(path)}: ${error.message}`, '', { cause: error }),
          );
        else resolve(result);
      });
  });
  const video = data.streams.find((stream) => stream.codec_type === 'video');
  const audio = data.streams.find((stream) => stream.codec_type === 'audio');
  return {
    durationSeconds: Number(data.format.duration ?? 0),
    formatName: data.format.format_name ?? '',
    ...(video && {
      video: {
        codec: video.codec_name ?? '',
        width: video.width ?? 0,
        height: video.height ?? 0,
        fps: frameRate(video.avg_frame_rate ?? video.r_frame_rate),
      },
    }),
    ...(audio && {
      audio: {
        codec: audio.codec_name ?? '',
        sampleRate: Number(audio.sample_rate ?? 0),
        channels: audio.channels ?? 0,
      },
    }),
  };
}
