import type { Movie } from '../catalog/movie.js';
import { cycle, stableNumber } from '../deterministic.js';
import { genreVoice } from './genre-voice.js';
import type { ScriptRequest, WrittenScripts } from './script-request.js';

/** Part of the fingerprint: change the templates below and bump it, and scripts are written again. */
export const EMBEDDED_WRITER_VERSION = 'embedded-writer@1';

const NUMBER_WORDS = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];

interface LineFacts {
  readonly title: string;
  readonly year: number;
  readonly score: string;
  readonly votes: string;
  readonly platform: string;
  readonly ordinal: string;
  readonly promise: string;
  readonly series: boolean;
}

const LINE_TEMPLATES: readonly ((facts: LineFacts) => string)[] = [
  (f) => `Meet ${f.title} from ${f.year}: a ${f.score} on IMDb, and ${f.promise}.`,
  (f) => `${f.title} holds a ${f.score} rating from ${f.votes} IMDb voters, and ${f.promise}.`,
  (f) =>
    `In ${f.ordinal} place, ${f.title} (${f.year}) proves why ${f.platform} subscribers keep pressing play: ${f.promise}.`,
  (f) => `Don't skip ${f.title}: fans rate it ${f.score} out of 10, and ${f.promise}.`,
  (f) =>
    `Then there is ${f.title}, a ${f.year} ${f.series ? 'series' : 'film'} scoring ${f.score}, where ${f.promise}.`,
  (f) => `Everyone is talking about ${f.title} on ${f.platform}; with a ${f.score} on IMDb, ${f.promise}.`,
  (f) => `Queue up ${f.title} tonight, because ${f.promise} (IMDb ${f.score}).`,
  (f) => `${f.title} takes ${f.ordinal} place with ${f.votes} votes behind its ${f.score}, and ${f.promise}.`,
  (f) => `Give ${f.title} from ${f.year} one evening and you will see why it scores ${f.score}: ${f.promise}.`,
  (f) => `Make room for ${f.title}, rated ${f.score}, because ${f.promise}.`,
];

const HOOK_TEMPLATES: readonly ((
  count: string,
  adjective: string,
  genre: string,
  kind: string,
  platform: string,
) => string)[] = [
  (count, adjective, genre, kind, platform) =>
    `Here are the ${count} ${adjective} ${genre} ${kind} on ${platform} right now, ranked by IMDb!`,
  (count, adjective, genre, kind, platform) =>
    `Looking for your next watch? StreamGank picked the ${count} ${adjective} ${genre} ${kind} streaming on ${platform}.`,
  (count, adjective, genre, kind, platform) =>
    `Stop scrolling: these are the ${count} ${adjective} ${genre} ${kind} ${platform} has to offer.`,
];

function kindOf(contentType: string, count: number): string {
  if (contentType === 'Film') return count === 1 ? 'film' : 'films';
  if (contentType === 'Série') return 'series';
  return count === 1 ? 'pick' : 'picks';
}

function factsFor(movie: Movie, rank: number, promise: string, platform: string): LineFacts {
  return {
    title: movie.title,
    year: movie.year,
    score: movie.imdb_score.toFixed(1),
    votes: movie.imdb_votes.toLocaleString('en-US'),
    platform,
    ordinal: ORDINALS[rank] ?? `#${rank + 1}`,
    promise,
    series: movie.content_type === 'Série',
  };
}

/**
 * The deterministic local writer: the same request always gives the same words, each title gets
 * its own template and its own genre clause, so no two lines share a sentence.
 */
export function writeEmbeddedScripts(request: ScriptRequest): WrittenScripts {
  const { movies, platform } = request;
  const voice = genreVoice(request.genreId);
  const seed = stableNumber(
    request.country,
    request.genreId,
    platform,
    request.contentType,
    ...movies.map((movie) => movie.id),
  );
  const count = NUMBER_WORDS[movies.length - 1] ?? String(movies.length);
  const hookTemplate = cycle(HOOK_TEMPLATES, seed);
  const hook = hookTemplate(
    count,
    voice.adjective,
    request.genreName,
    kindOf(request.contentType, movies.length),
    platform,
  );
  const lines = movies.map((movie, rank) => {
    const template = cycle(LINE_TEMPLATES, seed + rank);
    const promise = cycle(voice.promises, seed + rank);
    return template(factsFor(movie, rank, promise, platform));
  });
  return { hook, lines };
}
