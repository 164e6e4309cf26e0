import type { Caption } from '../captions/caption.js';
import type { Movie } from '../catalog/movie.js';
import type { Platform } from '../catalog/platforms.js';
import { FRAME, segmentOutputOptions } from '../media/encoding.js';
import { runFfmpeg, type FfmpegInput } from '../media/ffmpeg.js';
import { drawText, ffColor, filterExpression, gradientSource, holdFirstFrame } from '../media/filters.js';
import { darken, NEAR_BLACK } from '../media/palette.js';
import { fitText } from '../media/text-layout.js';
import { padTone } from './audio.js';
import { textFile, type RenderContext } from './render-context.js';

/** Part of the narration fingerprint: bump it when the narration's look, sound or timing changes. */
export const NARRATION_VERSION = 'narration@2';

/** The music bed's level: a chord about 35 dB under a full-scale voice, so the speech always leads. */
export const MUSIC_BED_VOLUME = 0.018;

/** A narration lasts as long as its voice track, rounded up to whole frames so no speech is cut. */
export function narrationSeconds(voiceSeconds: number): number {
  return Math.ceil(voiceSeconds * FRAME.fps - 1e-6) / FRAME.fps;
}

export interface NarrationSpec {
  readonly movie: Movie;
  readonly rank: number;
  readonly platform: Platform;
  /** The voice track (WAV) and its sentences' timings. */
  readonly voice: { readonly path: string; readonly seconds: number; readonly captions: readonly Caption[] };
  readonly musicBed: boolean;
}

const CAPTION_WIDTH = 940;
const CAPTION_CENTRE = 1000;

/** Each caption's lines, centred on the screen, shown only while its sentence is spoken. */
async function captionFilters(context: RenderContext, captions: readonly Caption[]): Promise<string[]> {
  const filters: string[] = [];
  for (const caption of captions) {
    const fitted = fitText(caption.text, CAPTION_WIDTH, 6, [72, 66, 60, 54, 48, 42]);
    const lineHeight = Math.round(fitted.fontSize * 1.3);
    const top = Math.round(CAPTION_CENTRE - (fitted.lines.length * lineHeight) / 2);
    for (const [index, line] of fitted.lines.entries()) {
      filters.push(
        drawText({
          fontFile: context.fonts.bold,
          textFile: await textFile(context, line),
          fontSize: fitted.fontSize,
          color: 'white',
          y: String(top + index * lineHeight),
          borderWidth: 3,
          enable: `between(t,${caption.start.toFixed(3)},${caption.end.toFixed(3)})`,
        }),
      );
    }
  }
  return filters;
}

/**
 * One title's narration: its voice, and on screen the title, the sentence being spoken as a
 * caption, the platform and a progress bar; a soft chord under the voice when `musicBed` is on.
 */
export async function renderNarration(
  context: RenderContext,
  spec: NarrationSpec,
  output: string,
  onProgress?: (fraction: number) => void,
): Promise<number> {
  const seconds = narrationSeconds(spec.voice.seconds);
  const { bold } = context.fonts;
  const heading = fitText(`#${spec.rank + 1}  ${spec.movie.title}`, 960, 2, [64, 56, 48]);
  const still: string[] = [];
  for (const [index, line] of heading.lines.entries()) {
    still.push(
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
  still.push(
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
  const captions = await captionFilters(context, spec.voice.captions);
  const slide = filterExpression(`-w+w*t/${seconds.toFixed(3)}`);
  const inputs: FfmpegInput[] = [
    {
      source: gradientSource(darken(spec.platform.color, 0.55), NEAR_BLACK, FRAME.width, FRAME.height),
      options: ['-f', 'lavfi'],
    },
    { source: `color=c=${ffColor(spec.platform.color)}:s=${FRAME.width}x14:r=${FRAME.fps}`, options: ['-f', 'lavfi'] },
    { source: spec.voice.path },
    ...(spec.musicBed ? [padTone(seconds, `narration:${spec.movie.id}`, MUSIC_BED_VOLUME)] : []),
  ];
  // The still layer is drawn once; captions change over time, so they are drawn after the hold.
  const video =
    `[0:v]${still.join(',')},${holdFirstFrame(FRAME.fps)}${captions.length > 0 ? `,${captions.join(',')}` : ''}[bg];` +
    `[1:v]format=yuv420p[bar];[bg][bar]overlay=x=${slide}:y=1880,setsar=1,format=yuv420p[v]`;
  const voice = '[2:a]aresample=48000,aformat=sample_fmts=fltp:channel_layouts=stereo,apad';
  // amix halves each of its two inputs; doubling afterwards keeps the voice at its own level.
  const audio = spec.musicBed
    ? `${voice}[voice];[3:a]aformat=sample_fmts=fltp:channel_layouts=stereo[bed];` +
      '[voice][bed]amix=inputs=2:duration=first:dropout_transition=0,volume=2[a]'
    : `${voice}[a]`;
  await runFfmpeg({
    tools: context.tools,
    inputs,
    filterComplex: `${video};${audio}`,
    outputOptions: segmentOutputOptions('[v]', '[a]', seconds),
    output,
    durationSeconds: seconds,
    ...(onProgress && { onProgress }),
    ...(context.signal && { signal: context.signal }),
  });
  return seconds;
}
