import { LANGUAGES } from '../language/languages.js';
import type { ScriptRequest } from './script-request.js';

/**
 * Prompt templates are versioned: the version is part of the script step's fingerprint, so a
 * changed prompt writes new scripts instead of serving ones written for the old prompt.
 */
export interface PromptTemplate {
  readonly version: string;
  readonly temperature: number;
  system(request: ScriptRequest): string;
  user(request: ScriptRequest): string;
}

const FORMAT =
  'Answer with JSON only: {"hook": string, "lines": [{"id": number, "text": string}]}. ' +
  'The hook is one sentence (at most 25 words) introducing the list. ' +
  'Each line is one or two sentences (at most 35 words) about one title, and names the title exactly as given. ' +
  'Give exactly one line per title, in the order given, with the id given. No two lines may share a sentence.';

function titles(request: ScriptRequest): string[] {
  return request.movies.map(
    (movie, index) =>
      `${index + 1}. id ${movie.id}: "${movie.title}" (${movie.year}), ${movie.content_type}, IMDb ${movie.imdb}, ` +
      `${movie.runtime}, genres ${movie.genres.join(', ')}`,
  );
}

const v1: PromptTemplate = {
  version: 'v1',
  temperature: 0.8,
  system: () =>
    'You write narration for short vertical videos that recommend streaming titles. ' +
    'Write in English, energetic but factual, never inventing plot details that are not common knowledge. ' +
    FORMAT,
  user: (request) =>
    [
      `Platform: ${request.platform}. Country: ${request.country}. Genre: ${request.genreName}. Content type: ${request.contentType}.`,
      'Titles, best first:',
      ...titles(request),
    ].join('\n'),
};

/** The language's English name, as a prompt names it ("French"). */
function languageName(request: ScriptRequest): string {
  return LANGUAGES.find((language) => language.code === request.language)?.names[0] ?? 'English';
}

/** v2 writes in the job's language: the narration is spoken and captioned in it. */
const v2: PromptTemplate = {
  version: 'v2',
  temperature: 0.8,
  system: (request) =>
    'You write narration for short vertical videos that recommend streaming titles; it is read aloud by a voice ' +
    `and shown as captions. Write in ${languageName(request)} (language code "${request.language}"), natural for a ` +
    'native speaker, energetic but factual, never inventing plot details that are not common knowledge. ' +
    'Keep the titles exactly as given, even when they are in another language. ' +
    FORMAT,
  user: (request) =>
    [
      `Language: ${languageName(request)}. Platform: ${request.platform}. Country: ${request.country}. ` +
        `Genre: ${request.genreName}. Content type: ${request.contentType}.`,
      'Titles, best first:',
      ...titles(request),
    ].join('\n'),
};

export const PROMPTS: Readonly<Record<string, PromptTemplate>> = { v1, v2 };
export const CURRENT_PROMPT_VERSION = 'v2';
