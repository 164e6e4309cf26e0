import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AUDIO_ENCODING, FRAME, segmentOutputOptions } from '../media/encoding.js';
import { runFfmpeg } from '../media/ffmpeg.js';
import { holdFirstFrame } from '../media/filters.js';
import { silence } from './audio.js';
import type { RenderContext } from './render-context.js';

/** Part of the final video's fingerprint: bump it when the assembly changes. */
export const ASSEMBLY_VERSION = 'assembly@1';
/** How long each title's poster stays on screen between its narration and its clip. */
export const POSTER_SECONDS = 3;

/** A poster as a short video segment with silent audio, encoded like every other segment. */
export async function renderPosterSegment(context: RenderContext, poster: string, output: string): Promise<number> {
  await runFfmpeg({
    tools: context.tools,
    inputs: [{ source: poster }, silence(POSTER_SECONDS)],
    filterComplex: `[0:v]scale=${FRAME.width}:${FRAME.height},setsar=1,format=yuv420p,${holdFirstFrame(FRAME.fps)},fade=t=in:st=0:d=0.3[v]`,
    outputOptions: segmentOutputOptions('[v]', '1:a', POSTER_SECONDS),
    output,
    ...(context.signal && { signal: context.signal }),
  });
  return POSTER_SECONDS;
}

function concatLine(path: string): string {
  return `file '${path.replace(/'/g, "'\\''")}'`;
}

/**
 * Join segments that share one encoding without re-encoding the picture (the concat demuxer);
 * the audio is encoded once more so that its frames line up across the joins.
 */
export async function concatenateSegments(
  context: RenderContext,
  segments: readonly string[],
  output: string,
  totalSeconds: number,
  onProgress?: (fraction: number) => void,
): Promise<void> {
  const list = join(context.workDir, `segments-${process.pid}-${Date.now()}.txt`);
  await writeFile(list, `${segments.map(concatLine).join('\n')}\n`, 'utf8');
  await runFfmpeg({
    tools: context.tools,
    inputs: [{ source: list, options: ['-f', 'concat', '-safe', '0'] }],
    outputOptions: ['-map', '0:v', '-map', '0:a', '-c:v', 'copy', ...AUDIO_ENCODING, '-movflags', '+faststart'],
    output,
    durationSeconds: totalSeconds,
    ...(onProgress && { onProgress }),
    ...(context.signal && { signal: context.signal }),
  });
}
