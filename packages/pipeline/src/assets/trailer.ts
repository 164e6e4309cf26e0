import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { Movie } from '../catalog/movie.js';
import { runFfmpeg } from '../media/ffmpeg.js';
import { drawText, ffColor } from '../media/filters.js';
import { darken } from '../media/palette.js';
import { stableNumber } from '../deterministic.js';
import { padTone } from '../render/audio.js';
import { textFile, type RenderContext } from '../render/render-context.js';

/** Part of the fingerprint of every clip cut from a generated trailer. */
export const GENERATED_TRAILER_VERSION = 'generated-trailer@2';
const GENERATED_SECONDS = 13;
const TRAILER_EXTENSIONS = ['.mp4', '.mov', '.mkv', '.webm'];

export type TrailerSource =
  | { readonly kind: 'file'; readonly path: string; readonly identity: string }
  | { readonly kind: 'generated'; readonly identity: string };

/** `Don't Look Up` → `dont-look-up`; how local trailer files may be named besides `<id>.mp4`. */
export function slugOf(title: string): string {
  return title
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/**
 * The trailer a title's clip is cut from: a file in the trailer folder when there is one, else a
 * generated one. `identity` goes into the fingerprint (size and mtime, so that a warm run does not
 * have to read a large file to learn that it is unchanged).
 */
export function findTrailer(movie: Movie, trailerDir: string | undefined): TrailerSource {
  if (trailerDir) {
    const names = [
      String(movie.id),
      slugOf(movie.title),
      ...(typeof movie['original_title'] === 'string' ? [slugOf(movie['original_title'])] : []),
    ];
    for (const name of names) {
      for (const extension of TRAILER_EXTENSIONS) {
        const path = join(trailerDir, `${name}${extension}`);
        const stats = statSync(path, { throwIfNoEntry: false });
        if (stats?.isFile())
          return {
            kind: 'file',
            path,
            identity: `file:${name}${extension}:${stats.size}:${Math.round(stats.mtimeMs)}`,
          };
      }
    }
  }
  return { kind: 'generated', identity: GENERATED_TRAILER_VERSION };
}

/**
 * A stand-in trailer for titles without one: slow-moving colour fields from a tiny cellular
 * automaton scaled up smoothly, the title, and a chord. Cheap to make and to encode, the same
 * every time for a title.
 */
export async function generateTrailer(
  context: RenderContext,
  movie: Movie,
  accent: string,
  output: string,
): Promise<void> {
  const seed = stableNumber(`${movie.id}:${movie.title}`);
  const field =
    `life=s=40x24:r=30:ratio=0.35:mold=25:seed=${seed % 1_000_000}:` +
    `death_color=${ffColor(darken(accent, 0.85))}:life_color=${ffColor(accent)}:mold_color=${ffColor(darken(accent, 0.5))},` +
    'scale=640:384:flags=bicubic,crop=640:360,format=yuv420p';
  const title = drawText({
    fontFile: context.fonts.bold,
    textFile: await textFile(context, movie.title),
    fontSize: 40,
    color: 'white@0.9',
    y: 'h-90',
    borderWidth: 2,
  });
  const label = drawText({
    fontFile: context.fonts.regular,
    textFile: await textFile(context, 'Generated trailer'),
    fontSize: 18,
    color: 'white@0.6',
    y: '20',
  });
  await runFfmpeg({
    tools: context.tools,
    inputs: [{ source: field, options: ['-f', 'lavfi'] }, padTone(GENERATED_SECONDS, `trailer:${movie.id}`, 0.12)],
    filterComplex: `[0:v]${title},${label}[v]`,
    outputOptions: [
      '-map',
      '[v]',
      '-map',
      '1:a',
      '-t',
      String(GENERATED_SECONDS),
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-crf',
      '23',
      '-pix_fmt',
      'yuv420p',
      '-c:a',
      'aac',
      '-b:a',
      '128k',
      '-ar',
      '48000',
      '-ac',
      '2',
    ],
    output,
    ...(context.signal && { signal: context.signal }),
  });
}
