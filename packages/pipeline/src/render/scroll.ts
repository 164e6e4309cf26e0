import { FRAME, toFrames, segmentOutputOptions } from '../media/encoding.js';
import { runFfmpeg, type FfmpegInput } from '../media/ffmpeg.js';
import { filterExpression, gradientSource, holdFirstFrame } from '../media/filters.js';
import { darken, NEAR_BLACK } from '../media/palette.js';
import { whoosh } from './audio.js';
import type { RenderContext } from './render-context.js';

/** Part of the scroll fingerprint: bump it when the scroll's look or timing changes. */
export const SCROLL_VERSION = 'scroll@1';

const POSTER = { width: 720, height: 1280 } as const;
const GAP = 80;
const HOLD = 0.5;

export function scrollSeconds(posterCount: number): number {
  return toFrames(Math.max(3, 1.2 * posterCount + 1));
}

/**
 * The posters stacked in a column that scrolls from the first to the last, holding half a second
 * at each end, over a low whoosh.
 */
export async function renderScroll(
  context: RenderContext,
  posters: readonly string[],
  accent: string,
  output: string,
  onProgress?: (fraction: number) => void,
): Promise<number> {
  const seconds = scrollSeconds(posters.length);
  const step = POSTER.height + GAP;
  const travel = (posters.length - 1) * step;
  const top = Math.round((FRAME.height - POSTER.height) / 2);
  const x = Math.round((FRAME.width - POSTER.width) / 2);
  const progress = `min(max((t-${HOLD})/${(seconds - 2 * HOLD).toFixed(3)},0),1)`;
  const inputs: FfmpegInput[] = [
    { source: gradientSource(darken(accent, 0.4), NEAR_BLACK, FRAME.width, FRAME.height), options: ['-f', 'lavfi'] },
    ...posters.map((path) => ({ source: path })),
    whoosh(seconds),
  ];
  const graph: string[] = [`[0:v]${holdFirstFrame(FRAME.fps)}[bg]`];
  let previous = '[bg]';
  posters.forEach((_, index) => {
    graph.push(
      `[${index + 1}:v]scale=${POSTER.width}:${POSTER.height},format=yuv420p,${holdFirstFrame(FRAME.fps)}[p${index}]`,
    );
    const y = filterExpression(`${top + index * step}-${travel}*${progress}`);
    graph.push(`${previous}[p${index}]overlay=x=${x}:y=${y}[o${index}]`);
    previous = `[o${index}]`;
  });
  graph.push(`${previous}setsar=1,format=yuv420p[v]`);
  await runFfmpeg({
    tools: context.tools,
    inputs,
    filterComplex: graph.join(';'),
    outputOptions: segmentOutputOptions('[v]', `${posters.length + 1}:a`, seconds),
    output,
    durationSeconds: seconds,
    ...(onProgress && { onProgress }),
    ...(context.signal && { signal: context.signal }),
  });
  return seconds;
}
