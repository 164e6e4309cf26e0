import * as z from 'zod/mini';

/** A title as the seed's `raw_movies` holds it (fields the embedded catalog cannot know are absent). */
export const movieSchema = z.looseObject({
  id: z.int(),
  title: z.string().check(z.minLength(1)),
  year: z.int(),
  imdb: z.string(),
  imdb_score: z.number(),
  imdb_votes: z.int(),
  runtime: z.string(),
  platform: z.string(),
  genres: z.array(z.string()),
  content_type: z.string(),
  country_code: z.string(),
});

export type Movie = z.infer<typeof movieSchema>;
