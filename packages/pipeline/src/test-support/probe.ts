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
