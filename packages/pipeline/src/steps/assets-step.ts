import { join } from 'node:path';
import * as z from 'zod/mini';
import { cutClip, CLIP_SECONDS, CLIP_VERSION } from '../assets/clip.js';
import { uploadToCloudinary } from '../assets/cloudinary-uploader.js';
import { renderPoster, POSTER_VERSION } from '../assets/poster.js';
import { findTrailer, generateTrailer, slugOf } from '../assets/trailer.js';
import { blobAddress, blobRefSchema } from '../blob-ref.js';
import type { Movie } from '../catalog/movie.js';
import { mapLimit } from '../concurrency.js';
import { digestOf } from '../digest.js';
import { ENCODING_FINGERPRINT } from '../media/encoding.js';
import { genreColor } from '../media/palette.js';
import type { RunState } from '../runner/run-state.js';
import type { CatalogData } from './catalog-step.js';
import { RENDER_CONCURRENCY, RenderProgress } from './render-progress.js';
import { plural, type StepDefinition, type StepTools } from './step.js';
import { pipelineStep } from './step-table.js';

const assetItemSchema = z.object({
  movie_id: z.int(),
  title: z.string(),
  poster: blobRefSchema,
  clip: blobRefSchema,
  trailer: z.string(),
  poster_url: z.optional(z.string()),
  clip_url: z.optional(z.string()),
});
export type AssetItem = z.infer<typeof assetItemSchema>;

/** The seed's `assets` (title → URL maps and lists), plus the blobs the later steps render from. */
export const assetsDataSchema = z.looseObject({
  enhanced_posters: z.record(z.string(), z.string()),
  dynamic_clips: z.record(z.string(), z.string()),
  movie_covers: z.array(z.string()),
  movie_clips: z.array(z.string()),
  poster_count: z.int(),
  clip_count: z.int(),
  items: z.array(assetItemSchema).check(z.minLength(1)),
});
export type AssetsData = z.infer<typeof assetsDataSchema>;

/** What a poster or clip depends on; the script does not appear here, so new scripts keep the assets. */
function visualFacts(movies: readonly Movie[]) {
  return movies.map((movie) => ({
    id: movie.id,
    title: movie.title,
    year: movie.year,
    score: movie.imdb_score,
    votes: movie.imdb_votes,
    runtime: movie.runtime,
    type: movie.content_type,
    genres: movie.genres,
  }));
}

function uniqueKeys(movies: readonly Movie[]): string[] {
  return movies.map((movie) =>
    movies.filter((other) => other.title === movie.title).length > 1 ? `${movie.title} (${movie.year})` : movie.title,
  );
}

async function makeAssets(
  state: RunState,
  movie: Movie,
  rank: number,
  tools: StepTools,
  progress: (fraction: number, note: string) => void,
): Promise<AssetItem> {
  const media = state.media();
  const { request, settings, files } = state;
  const posterPath = join(media.workDir, `poster-${rank + 1}-${movie.id}.png`);
  progress(0.05, `poster ${rank + 1}: ${movie.title}`);
  await renderPoster(media, { movie, rank, platform: request.platform, genreId: request.genre.id }, posterPath);
  const poster = await tools.cache.putBlob(posterPath, 'image/png');
  files.remember(poster, posterPath);

  const trailer = findTrailer(movie, settings.trailerDir);
  const trailerPath = trailer.kind === 'file' ? trailer.path : join(media.workDir, `trailer-${movie.id}.mp4`);
  if (trailer.kind === 'generated') {
    progress(0.15, `trailer ${rank + 1}: ${movie.title}`);
    await generateTrailer(media, movie, genreColor(request.genre.id), trailerPath);
  }
  const clipPath = join(media.workDir, `clip-${rank + 1}-${movie.id}.mp4`);
  await cutClip(media, trailerPath, clipPath, (fraction) =>
    progress(0.35 + 0.55 * fraction, `clip ${rank + 1}: ${movie.title}`),
  );
  const clip = await tools.cache.putBlob(clipPath, 'video/mp4');
  files.remember(clip, clipPath);

  const item: AssetItem = { movie_id: movie.id, title: movie.title, poster, clip, trailer: trailer.identity };
  if (!settings.cloudinary) return item;
  progress(0.92, `uploading ${movie.title}`);
  const slug = slugOf(movie.title) || String(movie.id);
  const posterUpload = await uploadToCloudinary(settings.cloudinary, {
    file: posterPath,
    resourceType: 'image',
    folder: 'posters',
    publicId: `enhanced_${slug}_${rank + 1}`,
  });
  const clipUpload = await uploadToCloudinary(settings.cloudinary, {
    file: clipPath,
    resourceType: 'video',
    folder: 'clips',
    publicId: `${slug}_${movie.id}_${CLIP_SECONDS}s`,
  });
  return { ...item, poster_url: posterUpload.secureUrl, clip_url: clipUpload.secureUrl };
}

/** Step 3: a poster and a 10-second portrait clip per title, kept as blobs and uploaded when Cloudinary is set. */
export function assetsStep(state: RunState, catalog: CatalogData): StepDefinition<AssetsData> {
  const { request, settings } = state;
  const movies = catalog.movies;
  return {
    step: pipelineStep('assets'),
    schema: assetsDataSchema,
    inputs: {
      step: 'assets@1',
      renderers: [POSTER_VERSION, CLIP_VERSION],
      encoding: ENCODING_FINGERPRINT,
      movies: digestOf(visualFacts(movies)),
      trailers: movies.map((movie) => findTrailer(movie, settings.trailerDir).identity),
      upload: settings.cloudinary
        ? `cloudinary:${settings.cloudinary.cloudName}/${settings.cloudinary.folder}`
        : 'none',
      num_movies: request.numMovies,
    },
    async produce(tools) {
      tools.cache.setProducer(settings.cloudinary ? 'ffmpeg+cloudinary' : 'ffmpeg');
      const progress = new RenderProgress(movies.length, tools.progress);
      const items = await mapLimit(movies, RENDER_CONCURRENCY, (movie, rank) =>
        makeAssets(state, movie, rank, tools, (fraction, note) => progress.update(rank, fraction, note)),
      );
      const keys = uniqueKeys(movies);
      const posterAddresses = items.map((item) => item.poster_url ?? blobAddress(item.poster));
      const clipAddresses = items.map((item) => item.clip_url ?? blobAddress(item.clip));
      return {
        enhanced_posters: Object.fromEntries(keys.map((key, index) => [key, posterAddresses[index] ?? ''])),
        dynamic_clips: Object.fromEntries(keys.map((key, index) => [key, clipAddresses[index] ?? ''])),
        movie_covers: posterAddresses,
        movie_clips: clipAddresses,
        poster_count: items.length,
        clip_count: items.length,
        items,
        uploaded_to: settings.cloudinary ? 'cloudinary' : null,
        parameters: { ...state.parameters, content_type: request.contentType, num_movies: request.numMovies },
        generation_timestamp: Date.now() / 1000,
      };
    },
    describe: (data, cached) =>
      cached
        ? `Loaded ${plural(data.poster_count, 'cached poster')} and ${plural(data.clip_count, 'cached clip')}`
        : `Made ${plural(data.poster_count, 'poster')} and ${plural(data.clip_count, 'clip')}${data['uploaded_to'] ? ', uploaded to Cloudinary' : ''}`,
  };
}
