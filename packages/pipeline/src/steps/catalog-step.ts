import * as z from 'zod/mini';
import { movieSchema, type Movie } from '../catalog/movie.js';
import type { RunState } from '../runner/run-state.js';
import { plural, type StepDefinition } from './step.js';
import { pipelineStep } from './step-table.js';

export const catalogDataSchema = z.looseObject({
  movies: z.array(movieSchema).check(z.minLength(1)),
  movie_count: z.int().check(z.positive()),
  parameters: z.looseObject({ country: z.string(), genre: z.string(), platform: z.string() }),
});
export type CatalogData = z.infer<typeof catalogDataSchema>;

/** Step 1: the top titles by IMDb score, then votes, for the country, genre, platform and content type. */
export function catalogStep(state: RunState): StepDefinition<CatalogData> {
  const { request } = state;
  return {
    step: pipelineStep('catalog'),
    schema: catalogDataSchema,
    inputs: {
      step: 'catalog@1',
      content_type: request.contentType,
      num_movies: request.numMovies,
      catalog: state.catalog.digest,
    },
    async produce({ cache }) {
      cache.setProducer('embedded-catalog');
      return {
        movies: [...state.selected],
        movie_count: state.selected.length,
        parameters: { ...state.parameters, content_type: request.contentType, num_movies: request.numMovies },
        generation_timestamp: Date.now() / 1000,
      };
    },
    describe: (data, cached) =>
      `${cached ? 'Loaded' : 'Selected'} ${plural(data.movie_count, cached ? 'cached title' : 'title')}: ${data.movies.map((movie: Movie) => movie.title).join(', ')}`,
  };
}
