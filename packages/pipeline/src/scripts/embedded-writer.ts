import type { Movie } from '../catalog/movie.js';
import { cycle, stableNumber } from '../deterministic.js';
import { languageInfo } from '../language/languages.js';
import type { LineFacts } from './phrasebooks/index.js';
import type { ScriptRequest, WrittenScripts } from './script-request.js';

/** Part of the fingerprint: change a phrasebook and bump it, and scripts are written again. */
export const EMBEDDED_WRITER_VERSION = 'embedded-writer@2';

/** Numbers as the language writes them ("7,7" and "175 531" in French); plain spaces, which speech engines read. */
function numberFormat(locale: string, digits: number): (value: number) => string {
  const format = new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return (value) => format.format(value).replace(/[\u00a0\u202f]/g, ' ');
}

/**
 * The deterministic local writer: the same request always gives the same words, each title gets
 * its own template and its own genre clause, so no two lines share a sentence. It writes in the
 * request's language from that language's phrasebook (loaded when scripts are written, not when
 * they come from the cache).
 */
export async function writeEmbeddedScripts(request: ScriptRequest): Promise<WrittenScripts> {
  const { movies, platform } = request;
  const { phrasebookFor } = await import('./phrasebooks/index.js');
  const phrasebook = phrasebookFor(request.language);
  const { locale } = languageInfo(request.language);
  const score = numberFormat(locale, 1);
  const votes = numberFormat(locale, 0);
  const seed = stableNumber(
    request.country,
    request.genreId,
    platform,
    request.contentType,
    ...movies.map((movie) => movie.id),
  );
  const hook = cycle(
    phrasebook.hooks,
    seed,
  )({
    count: movies.length,
    genreId: request.genreId,
    genre: request.genreName,
    contentType: request.contentType,
    platform,
  });
  const promises = phrasebook.promises[request.genreId];
  const lines = movies.map((movie: Movie, rank) => {
    const facts: LineFacts = {
      title: movie.title,
      year: movie.year,
      score: score(movie.imdb_score),
      votes: votes(movie.imdb_votes),
      platform,
      rank,
      promise: cycle(promises, seed + rank),
      series: movie.content_type === 'Série',
    };
    return cycle(phrasebook.lines, seed + rank)(facts);
  });
  return { hook, lines };
}
