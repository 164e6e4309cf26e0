import type { Language } from './countries.js';

export const GENRE_IDS = [
  'action',
  'animation',
  'comedy',
  'crime',
  'documentary',
  'drama',
  'fantasy',
  'history',
  'horror',
  'kids',
  'music',
  'mystery',
  'romance',
  'scifi',
  'sport',
  'war',
  'western',
  'reality',
] as const;
export type GenreId = (typeof GENRE_IDS)[number];

export interface Genre {
  readonly id: GenreId;
  /** The names the original StreamGank used, per language (JustWatch's genre names). */
  readonly names: Readonly<Record<Language, string>>;
  /** Short forms accepted in every country. */
  readonly aliases: readonly string[];
}

export const GENRES: readonly Genre[] = [
  {
    id: 'action',
    names: { en: 'Action & Adventure', fr: 'Action & Aventure', de: 'Action & Abenteuer' },
    aliases: ['Action', 'Adventure'],
  },
  { id: 'animation', names: { en: 'Animation', fr: 'Animation', de: 'Animation' }, aliases: ['Animated', 'Anime'] },
  { id: 'comedy', names: { en: 'Comedy', fr: 'Comédie', de: 'Komödie' }, aliases: [] },
  { id: 'crime', names: { en: 'Crime', fr: 'Crime', de: 'Krimi' }, aliases: ['Kriminalfilm'] },
  {
    id: 'documentary',
    names: { en: 'Documentary', fr: 'Documentaire', de: 'Dokumentation' },
    aliases: ['Documentaries', 'Doc'],
  },
  { id: 'drama', names: { en: 'Drama', fr: 'Drame', de: 'Drama' }, aliases: [] },
  { id: 'fantasy', names: { en: 'Fantasy', fr: 'Fantastique', de: 'Fantasy' }, aliases: [] },
  { id: 'history', names: { en: 'History', fr: 'Histoire', de: 'Geschichte' }, aliases: ['Historical'] },
  { id: 'horror', names: { en: 'Horror', fr: 'Horreur', de: 'Horror' }, aliases: [] },
  {
    id: 'kids',
    names: { en: 'Kids', fr: 'Pour enfants', de: 'Kinder & Familie' },
    aliases: ['Kids & Family', 'Family', 'Enfants'],
  },
  {
    id: 'music',
    names: { en: 'Music & Musical', fr: 'Musique & Comédie musicale', de: 'Musik & Musical' },
    aliases: ['Music', 'Musical'],
  },
  {
    id: 'mystery',
    names: { en: 'Mystery & Thriller', fr: 'Mystère & Thriller', de: 'Mystery & Thriller' },
    aliases: ['Thriller', 'Mystery'],
  },
  { id: 'romance', names: { en: 'Romance', fr: 'Romance', de: 'Liebesfilm' }, aliases: ['Romantic'] },
  {
    id: 'scifi',
    names: { en: 'Science-Fiction', fr: 'Science-Fiction', de: 'Science-Fiction' },
    aliases: ['Sci-Fi', 'SF'],
  },
  { id: 'sport', names: { en: 'Sport', fr: 'Sport', de: 'Sport' }, aliases: ['Sports'] },
  { id: 'war', names: { en: 'War & Military', fr: 'Guerre', de: 'Krieg & Militär' }, aliases: ['War'] },
  { id: 'western', names: { en: 'Western', fr: 'Western', de: 'Western' }, aliases: [] },
  { id: 'reality', names: { en: 'Reality TV', fr: 'Téléréalité', de: 'Reality-TV' }, aliases: ['Reality'] },
];
