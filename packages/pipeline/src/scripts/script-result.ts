import * as z from 'zod/mini';
import { movieSchema, type Movie } from '../catalog/movie.js';
import type { WrittenScripts } from './script-request.js';

/** The seed's `script_result`, as the Python version wrote it (its files still load). */
export const scriptResultSchema = z.looseObject({
  combined_script: z.string().check(z.minLength(1)),
  script_file_path: z.string(),
  individual_scripts: z.record(z.string(), z.looseObject({ text: z.string().check(z.minLength(1)), path: z.string() })),
  raw_movies: z.array(movieSchema).check(z.minLength(1)),
  parameters: z.looseObject({ country: z.string(), genre: z.string(), platform: z.string() }),
  script_count: z.int().check(z.positive()),
  generation_timestamp: z.number(),
});

export type ScriptResult = z.infer<typeof scriptResultSchema>;

export interface ScriptJob {
  readonly country: string;
  readonly genre: string;
  readonly platform: string;
  readonly contentType: string;
  readonly numMovies: number;
  readonly producer: string;
}

/** Script files are written beside the video; these names are relative to the run's output folder. */
export const COMBINED_SCRIPT_FILE = 'combined_script.txt';
export const scriptFileName = (index: number) => `script_movie${index + 1}.txt`;

/** The first title's text opens with the hook, as in the seed. */
export function toScriptResult(
  written: WrittenScripts,
  movies: readonly Movie[],
  job: ScriptJob,
  now: number,
): ScriptResult {
  const texts = movies.map((_, index) =>
    (index === 0 ? `${written.hook} ${written.lines[0] ?? ''}` : (written.lines[index] ?? '')).trim(),
  );
  return {
    combined_script: texts.join('\n\n'),
    script_file_path: COMBINED_SCRIPT_FILE,
    individual_scripts: Object.fromEntries(
      texts.map((text, index) => [`movie${index + 1}`, { text, path: scriptFileName(index) }]),
    ),
    raw_movies: [...movies],
    parameters: {
      country: job.country,
      genre: job.genre,
      platform: job.platform,
      content_type: job.contentType,
      num_movies: job.numMovies,
    },
    script_count: texts.length,
    generation_timestamp: now / 1000,
    producer: job.producer,
  };
}

/** Each title's narration text, in rank order. */
export function scriptTexts(result: ScriptResult): string[] {
  return result.raw_movies.map((_, index) => result.individual_scripts[`movie${index + 1}`]?.text ?? '');
}
