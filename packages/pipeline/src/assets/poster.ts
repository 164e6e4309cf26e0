import type { GenreId } from '../catalog/genres.js';
import type { Movie } from '../catalog/movie.js';
import type { Platform } from '../catalog/platforms.js';
import { FRAME } from '../media/encoding.js';
import { runFfmpeg } from '../media/ffmpeg.js';
import { drawBox, drawText, ffColor, gradientSource } from '../media/filters.js';
import { darken, genreColor, IMDB_YELLOW, NEAR_BLACK } from '../media/palette.js';
import { fitText } from '../media/text-layout.js';
import { textFile, type RenderContext } from '../render/render-context.js';

/** Part of the assets fingerprint: bump it when the poster's look changes. */
export const POSTER_VERSION = 'poster@1';

export interface PosterSpec {
  readonly movie: Movie;
  readonly rank: number;
  readonly platform: Platform;
  readonly genreId: GenreId;
}

const TEXT_WIDTH = 940;

/** A 1080x1920 PNG: rank, title, year and runtime, IMDb score, genres and a platform badge. */
export async function renderPoster(context: RenderContext, spec: PosterSpec, output: string): Promise<void> {
  const { movie, platform } = spec;
  const { bold, regular } = context.fonts;
  const accent = genreColor(spec.genreId);
  const title = fitText(movie.title, TEXT_WIDTH, 3, [104, 92, 80, 68, 58, 50]);
  const titleLine = Math.round(title.fontSize * 1.2);
  // Laid out from the platform badge upwards, so a three-line title never runs into the facts.
  const titleTop = 1290 - title.lines.length * titleLine;
  const filters: string[] = [
    drawBox(0, 0, FRAME.width, 14, ffColor(platform.color)),
    drawBox(70, titleTop - 70, 940, 6, ffColor(accent)),
    drawText({
      fontFile: bold,
      textFile: await textFile(context, `#${spec.rank + 1}`),
      fontSize: 300,
      color: 'white@0.92',
      y: '260',
      borderWidth: 6,
    }),
  ];
  for (const [index, line] of title.lines.entries()) {
    filters.push(
      drawText({
        fontFile: bold,
        textFile: await textFile(context, line),
        fontSize: title.fontSize,
        color: 'white',
        y: String(titleTop + index * titleLine),
        borderWidth: 3,
      }),
    );
  }
  const facts = `${movie.year}  ·  ${movie.runtime}  ·  ${movie.content_type}`;
  const score = `IMDb ${movie.imdb_score.toFixed(1)}/10`;
  const votes = `${movie.imdb_votes.toLocaleString('en-US')} votes`;
  filters.push(
    drawText({
      fontFile: regular,
      textFile: await textFile(context, facts),
      fontSize: 46,
      color: '0xDDDDDD',
      y: '1330',
    }),
    drawText({
      fontFile: bold,
      textFile: await textFile(context, score),
      fontSize: 84,
      color: ffColor(IMDB_YELLOW),
      y: '1420',
      borderWidth: 2,
    }),
    drawText({
      fontFile: regular,
      textFile: await textFile(context, votes),
      fontSize: 40,
      color: '0xBBBBBB',
      y: '1530',
    }),
    drawText({
      fontFile: regular,
      textFile: await textFile(context, movie.genres.slice(0, 3).join('  ·  ')),
      fontSize: 40,
      color: '0xDDDDDD',
      y: '1600',
    }),
    drawBox('(iw-520)/2', 1700, 520, 110, ffColor(platform.color)),
    drawText({
      fontFile: bold,
      textFile: await textFile(context, platform.name),
      fontSize: 60,
      color: ffColor(platform.textColor),
      y: '1722',
    }),
  );
  await runFfmpeg({
    tools: context.tools,
    inputs: [
      {
        source: gradientSource(darken(accent, 0.35), NEAR_BLACK, FRAME.width, FRAME.height, 'rgb24'),
        options: ['-f', 'lavfi'],
      },
    ],
    filterComplex: `[0:v]${filters.join(',')}[out]`,
    outputOptions: ['-map', '[out]', '-frames:v', '1', '-pix_fmt', 'rgb24'],
    output,
    ...(context.signal && { signal: context.signal }),
  });
}
