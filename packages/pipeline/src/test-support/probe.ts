import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { resolveMediaTools } from '../media/binaries.js';

const run = promisify(execFile);

export interface Probed {
  readonly duration: number;
  readonly streams: { codec_type: string; codec_name: string; width?: number; height?: number; sample_rate?: string }[];
}

/** ffprobe run directly (not through the pipeline's wrapper), for tests to check outputs independently. */
export async function ffprobe(path: string): Promise<Probed> {
  const { ffprobe: binary } = resolveMediaTools(process.env);
  const { stdout } = await run(binary, ['-v', 'error', '-show_streams', '-show_format', '-of', 'json', path]);
  const parsed = JSON.parse(stdout) as { format: { duration: string }; streams: Probed['streams'] };
  return { duration: Number(parsed.format.duration), streams: parsed.streams };
}

export function sha256File(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** Child processes of this process whose command is FFmpeg (none should outlive a cancelled run). */
export async function ffmpegChildren(): Promise<string[]> {
  try {
    const { stdout } = await run('ps', ['-o', 'pid=,args=', '--ppid', String(process.pid)]);
    return stdout.split('\n').filter((line) => /ffmpeg/.test(line));
  } catch {
    return [];
  }
}

export interface AudioStats {
  /** Quiet stretches FFmpeg's silencedetect finds (below -40 dB for at least 0.25 s), in seconds. */
  readonly silences: { start: number; end: number }[];
  readonly meanVolumeDb: number;
  readonly maxVolumeDb: number;
}

/** FFmpeg's silencedetect and volumedetect over a file's audio (or `seconds` of it from `start`), run directly. */
export async function audioStats(path: string, range?: { start: number; seconds: number }): Promise<AudioStats> {
  const { ffmpeg } = resolveMediaTools(process.env);
  const { stderr } = await run(ffmpeg, [
    '-hide_banner',
    '-nostdin',
    ...(range ? ['-ss', String(range.start), '-t', String(range.seconds)] : []),
    '-i',
    path,
    '-vn',
    '-af',
    'silencedetect=noise=-40dB:d=0.25,volumedetect',
    '-f',
    'null',
    '-',
  ]);
  const starts = [...stderr.matchAll(/silence_start: (-?[\d.]+)/g)].map((match) => Number(match[1]));
  const ends = [...stderr.matchAll(/silence_end: ([\d.]+)/g)].map((match) => Number(match[1]));
  const volume = (name: string) => Number(new RegExp(`${name}: (-?[\\d.]+|-inf) dB`).exec(stderr)?.[1] ?? Number.NaN);
  return {
    silences: starts.map((start, index) => ({ start, end: ends[index] ?? Number.POSITIVE_INFINITY })),
    meanVolumeDb: volume('mean_volume'),
    maxVolumeDb: volume('max_volume'),
  };
}

/** A steady tone with FFmpeg (no pauses): what speech must not look like. */
export async function toneFile(path: string, seconds: number): Promise<void> {
  const { ffmpeg } = resolveMediaTools(process.env);
  await run(ffmpeg, ['-v', 'error', '-f', 'lavfi', '-i', `sine=frequency=220:duration=${seconds}`, '-y', path]);
}
