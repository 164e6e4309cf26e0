import type { GenreId } from '../catalog/genres.js';

/** A mood colour per genre, for backgrounds and generated trailers. */
const GENRE_COLORS: Readonly<Record<GenreId, string>> = {
  horror: '#8B0000',
  comedy: '#F5A623',
  drama: '#4A4E69',
  action: '#D35400',
  scifi: '#00B4D8',
  mystery: '#5E35B1',
  crime: '#263238',
  romance: '#D81B60',
  fantasy: '#7B1FA2',
  kids: '#43A047',
  animation: '#FF7043',
  documentary: '#00897B',
  history: '#8D6E63',
  war: '#556B2F',
  western: '#B5651D',
  music: '#C2185B',
  sport: '#1E88E5',
  reality: '#FF4081',
};

export function genreColor(genre: GenreId): string {
  return GENRE_COLORS[genre];
}

/** `color` darkened towards black by `amount` (0..1), as #RRGGBB. */
export function darken(color: string, amount: number): string {
  const hex = color.replace('#', '');
  const channels = [0, 2, 4].map((offset) => Math.round(parseInt(hex.slice(offset, offset + 2), 16) * (1 - amount)));
  return `#${channels.map((channel) => channel.toString(16).padStart(2, '0')).join('')}`;
}

export const IMDB_YELLOW = '#F5C518';
export const NEAR_BLACK = '#0B0C10';
