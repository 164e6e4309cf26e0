import type { ContentType } from '../catalog/content-types.js';
import type { Language } from '../catalog/countries.js';
import type { GenreId } from '../catalog/genres.js';
import type { Movie } from '../catalog/movie.js';

/** What a script writer is asked: the titles, in rank order, and the job they belong to. */
export interface ScriptRequest {
  readonly movies: readonly Movie[];
  readonly genreId: GenreId;
  /** The genre as the catalog names it in the script's language (`Horreur` in French). */
  readonly genreName: string;
  readonly platform: string;
  readonly country: string;
  readonly contentType: ContentType;
  /** The language to write in. */
  readonly language: Language;
}

/** A hook, then one line per title in the same order as the request's movies. */
export interface WrittenScripts {
  readonly hook: string;
  readonly lines: readonly string[];
}
