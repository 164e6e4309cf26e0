import type { ContentType } from '../../catalog/content-types.js';
import type { GenreId } from '../../catalog/genres.js';

/** What a hook talks about: how many titles, of which genre and kind, where. */
export interface HookFacts {
  readonly count: number;
  readonly genreId: GenreId;
  /** The genre as the catalog names it in the script's language (`Horreur`, `Kinder & Familie`). */
  readonly genre: string;
  readonly contentType: ContentType;
  readonly platform: string;
}

/** What a line says about one title; numbers are already written the language's way (`7,7`). */
export interface LineFacts {
  readonly title: string;
  readonly year: number;
  readonly score: string;
  readonly votes: string;
  readonly platform: string;
  /** 0 for the first title. */
  readonly rank: number;
  /** A clause on what watching it promises, from the genre's list. */
  readonly promise: string;
  readonly series: boolean;
}

/**
 * How the local writer speaks one language: hook and line templates, and per genre the clauses
 * that end a line. Each language has its own grammar (French agreement, German declension), so
 * each phrasebook builds its sentences itself rather than filling one shared template.
 */
export interface Phrasebook {
  readonly hooks: readonly ((facts: HookFacts) => string)[];
  /** At least ten, so that ten titles never share a sentence. */
  readonly lines: readonly ((facts: LineFacts) => string)[];
  readonly promises: Readonly<Record<GenreId, readonly string[]>>;
}
