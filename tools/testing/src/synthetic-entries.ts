const DATA_TYPES = [
  'movie_data',
  'script_result',
  'assets',
  'narration',
  'narration_videos',
  'scroll_overlay',
  'final_video',
];
const COUNTRIES = ['US', 'FR', 'DE', 'GB', 'IT', 'ES', 'JP', 'BR', 'CA', 'AU', 'MX', 'IN', 'KR', 'NL', 'SE'];
const GENRES = [
  'Horror',
  'Comedy',
  'Drama',
  'Action & Adventure',
  'Documentary',
  'Thriller',
  'Romance',
  'Sci-Fi',
  'Animation',
  'Crime',
  'Family',
  'Fantasy',
  'Mystery',
  'War',
  'Western',
];
const PLATFORMS = ['Netflix', 'Prime', 'Disney+', 'HBO', 'Apple TV+', 'Hulu', 'Paramount+'];
const PRODUCERS = ['local-writer', 'openai:gpt-4o-mini', 'ffmpeg', 'catalog'];

/** One entry to save, in the order of the cache's `save(dataType, parameters, data, options)`. */
export interface SyntheticEntry {
  readonly dataType: string;
  readonly parameters: { readonly country: string; readonly genre: string; readonly platform: string };
  readonly data: { readonly n: number; readonly scripts: readonly string[] };
  readonly options: {
    readonly producer: string;
    readonly produceMs: number;
    readonly costUsd?: number;
    readonly inputs: { readonly num_movies: number };
  };
}

/** How many distinct entries `syntheticEntries` can make. */
export const SYNTHETIC_ENTRY_LIMIT = DATA_TYPES.length * COUNTRIES.length * GENRES.length * PLATFORMS.length;

/**
 * `count` distinct cache entries shaped like a team's cache after many runs: the pipeline's data
 * types over countries, genres and platforms, a few hundred bytes of data each, producers, times
 * and costs. The same count always gives the same entries.
 */
export function syntheticEntries(count: number): SyntheticEntry[] {
  if (!Number.isInteger(count) || count < 0 || count > SYNTHETIC_ENTRY_LIMIT) {
    throw new RangeError(`syntheticEntries makes 0 to ${SYNTHETIC_ENTRY_LIMIT} entries, not ${count}.`);
  }
  return Array.from({ length: count }, (_, n): SyntheticEntry => {
    const dataType = DATA_TYPES[n % DATA_TYPES.length] as string;
    const rest = Math.floor(n / DATA_TYPES.length);
    const country = COUNTRIES[rest % COUNTRIES.length] as string;
    const genre = GENRES[Math.floor(rest / COUNTRIES.length) % GENRES.length] as string;
    const platform = PLATFORMS[Math.floor(rest / (COUNTRIES.length * GENRES.length))] as string;
    const producer = PRODUCERS[n % PRODUCERS.length] as string;
    return {
      dataType,
      parameters: { country, genre, platform },
      data: { n, scripts: [`${genre} on ${platform} in ${country}: `.padEnd(120 + (n % 280), '.')] },
      options: {
        producer,
        produceMs: 50 + ((n * 7919) % 60_000),
        ...(producer.startsWith('openai') && { costUsd: 0.0002 + (n % 10) / 10_000 }),
        inputs: { num_movies: 3 },
      },
    };
  });
}
