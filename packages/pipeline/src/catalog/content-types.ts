import { matchKey } from './matching.js';

export const CONTENT_TYPES = ['Film', 'Série', 'all'] as const;
export type ContentType = (typeof CONTENT_TYPES)[number];
export type TitleType = Exclude<ContentType, 'all'>;

const ALIASES: Readonly<Record<ContentType, readonly string[]>> = {
  Film: ['Film', 'Films', 'Movie', 'Movies'],
  Série: ['Série', 'Séries', 'Serie', 'Series', 'TV Show', 'TV Shows', 'Show', 'Shows', 'TV'],
  all: ['all', 'Tous', 'Tout', 'Both', 'Any'],
};

/** `Film`, `Série` (or `TV Show`, `Series`…), `all`; undefined for anything else. */
export function parseContentType(value: string): ContentType | undefined {
  const key = matchKey(value);
  return CONTENT_TYPES.find((type) => ALIASES[type].some((alias) => matchKey(alias) === key));
}
