import type { ScriptRequest } from './script-request.js';

/**
 * Prompt templates are versioned: the version is part of the script step's fingerprint, so a
 * changed prompt writes new scripts instead of serving ones written for the old prompt.
 */
export interface PromptTemplate {
  readonly version: string;
  readonly temperature: number;
  system(): string;
  user(request: ScriptRequest): string;
}

const v1: PromptTemplate = {
  version: 'v1',
  temperature: 0.8,
  system: () =>
    'You write narration for short vertical videos that recommend streaming titles. ' +
    'Write in English, energetic but factual, never inventing plot details that are not common knowledge. ' +
    'Answer with JSON only: {"hook": string, "lines": [{"id": number, "text": string}]}. ' +
    'The hook is one sentence (at most 25 words) introducing the list. ' +
    'Each line is one or two sentences (at most 35 words) about one title, and names the title exactly as given. ' +
    'Give exactly one line per title, in the order given, with the id given. No two lines may share a sentence.',
  user: (request) =>
    [
      `Platform: ${request.platform}. Country: ${request.country}. Genre: ${request.genreName}. Content type: ${request.contentType}.`,
      'Titles, best first:',
      ...request.movies.map(
        (movie, index) =>
          `${index + 1}. id ${movie.id}: "${movie.title}" (${movie.year}), ${movie.content_type}, IMDb ${movie.imdb}, ` +
          `${movie.runtime}, genres ${movie.genres.join(', ')}`,
      ),
    ].join('\n'),
};

export const PROMPTS: Readonly<Record<string, PromptTemplate>> = { v1 };
export const CURRENT_PROMPT_VERSION = 'v1';
