import type { Movie } from '../catalog/movie.js';
import type { Platform } from '../catalog/platforms.js';
import { AUDIO_ENCODING, FRAME, toFrames, VIDEO_ENCODING } from '../media/encoding.js';
import { runFfmpeg } from '../media/ffmpeg.js';
import { drawText, ffColor, filterExpression, gradientSource, holdFirstFrame } from '../media/filters.js';
import { darken, NEAR_BLACK } from '../media/palette.js';
import { fitText } from '../media/text-layout.js';
import { padTone } from './audio.js';
import { textFile, type RenderContext } from './render-context.js';

/** Part of the narration fingerprint: bump it when the narration's look or timing changes. */
export const NARRATION_VERSION = 'narration@1';

/** A comfortable narration pace (about 150 words a minute) plus a breath at each end. */
const WORDS_PER_SECOND = 2.5;

export function narrationSeconds(text: string): number {
  const words = text.split(/\s+/).filter(Boolean).length;
  return toFrames(Math.min(15, Math.max(3, words / WORDS_PER_SECOND + 1)));
}

export interface NarrationSpec {
  readonly movie: Movie;
  readonly rank: number;
  readonly text: string;
  readonly platform: Platform;
}

/** One title's script line on screen, timed to its length, over a soft chord, with a progress bar. */
export async function renderNarration(
  context: RenderContext,
  spec: NarrationSpec,
  output: string,
  onProgress?: (fraction: number) => void,
): Promise<number> {
  const seconds = narrationSeconds(spec.text);
  const { bold } = context.fonts;
  const heading = fitText(`#${spec.rank + 1}  ${spec.movie.title}`, 960, 2, [64, 56, 48]);
  const body = fitText(spec.text, 940, 14, [68, 62, 56, 50, 44]);
  const lineHeight = Math.round(body.fontSize * 1.3);
  const bodyTop = Math.round(1000 - (body.lines.length * lineHeight) / 2);
  const texts: string[] = [];
  for (const [index, line] of heading.lines.entries()) {
    texts.push(
      drawText({
        fontFile: bold,
        textFile: await textFile(context, line),
        fontSize: heading.fontSize,
        color: 'white',
        y: String(180 + index * Math.round(heading.fontSize * 1.25)),
        borderWidth: 3,
      }),
    );
  }
  for (const [index, line] of body.lines.entries()) {
    texts.push(
      drawText({
        fontFile: bold,
        textFile: await textFile(context, line),
        fontSize: body.fontSize,
        color: 'white',
        y: String(bodyTop + index * lineHeight),
        borderWidth: 2,
      }),
    );
  }
  texts.push(
    drawText({
      fontFile: bold,
      textFile: await textFile(context, spec.platform.name),
      fontSize: 44,
      color: ffColor(spec.platform.color),
      y: '1760',
      borderWidth: 2,
      borderColor: 'white@0.8',
    }),
  );
  const slide = filterExpression(`-w+w*t/${seconds.toFixed(3)}`);
  await runFfmpeg({
    tools: context.tools,
    inputs: [
      {
        source: gradientSource(darken(spec.platform.color, 0.55), NEAR_BLACK, FRAME.width, FRAME.height),
        options: ['-f', 'lavfi'],
      },
      {
        source: `color=c=${ffColor(spec.platform.color)}:s=${FRAME.width}x14:r=${FRAME.fps}`,
        options: ['-f', 'lavfi'],
      },
      padTone(seconds, `narration:${spec.movie.id}`),
    ],
    filterComplex: `[0:v]${texts.join(',')},${holdFirstFrame(FRAME.fps)}[bg];[1:v]format=yuv420p[bar];[bg][bar]overlay=x=${slide}:y=1880,setsar=1,format=yuv420p[v]`,
    outputOptions: [
      '-map',
      '[v]',
      '-map',
      '2:a',
      '-t',
      seconds.toFixed(3),
      ...VIDEO_ENCODING,
      ...AUDIO_ENCODING,
      '-movflags',
      '+faststart',
    ],
    output,
    durationSeconds: seconds,
    ...(onProgress && { onProgress }),
    ...(context.signal && { signal: context.signal }),
  });
  return seconds;
}
