import {
  InvalidMovieCountError,
  UnknownContentTypeError,
  UnknownCountryError,
  UnknownGenreError,
  UnknownPlatformError,
} from '../errors.js';
import { resolveLanguage } from '../language/languages.js';
import { CONTENT_TYPES, parseContentType, type ContentType } from './content-types.js';
import { COUNTRIES, type Country, type Language } from './countries.js';
import { GENRES, type Genre } from './genres.js';
import { matchKey } from './matching.js';
import { PLATFORMS, type Platform } from './platforms.js';

/** The most titles one video can hold. */
export const MAX_MOVIES = 10;

export interface RunRequest {
  readonly country: Country;
  readonly genre: Genre;
  readonly platform: Platform;
  readonly contentType: ContentType;
  readonly numMovies: number;
  /** The genre as the country names it (`Horreur` in France): it names the cache entries. */
  readonly genreName: string;
  /** What the scripts, the voice and the captions speak: `language` when given, else the country's. */
  readonly language: Language;
}

export interface RawRequest {
  readonly country: string;
  readonly genre: string;
  readonly platform: string;
  readonly contentType?: string;
  readonly numMovies?: number;
  /** A language code or name (`fr`, `Deutsch`); default: the country's language. */
  readonly language?: string;
}

export function findCountry(value: string): Country {
  const key = matchKey(value);
  const country = COUNTRIES.find(
    (candidate) => matchKey(candidate.code) === key || candidate.aliases.some((alias) => matchKey(alias) === key),
  );
  if (!country)
    throw new UnknownCountryError(
      value,
      COUNTRIES.map((candidate) => candidate.code),
    );
  return country;
}

/** Genre names a country accepts: English everywhere, plus its own language. */
export function genreNamesFor(genre: Genre, country: Country): string[] {
  return [...new Set([genre.names.en, ...country.accepts.map((language) => genre.names[language]), ...genre.aliases])];
}

export function findGenre(value: string, country: Country, available: () => string[]): Genre {
  const key = matchKey(value);
  const genre = GENRES.find((candidate) => genreNamesFor(candidate, country).some((name) => matchKey(name) === key));
  if (!genre) throw new UnknownGenreError(value, country.code, available());
  return genre;
}

export function platformsOf(country: Country): Platform[] {
  return PLATFORMS.filter((platform) => platform.countries.includes(country.code));
}

export function findPlatform(value: string, country: Country): Platform {
  const key = matchKey(value);
  const platforms = platformsOf(country);
  const platform = platforms.find(
    (candidate) => matchKey(candidate.name) === key || candidate.aliases.some((alias) => matchKey(alias) === key),
  );
  if (!platform)
    throw new UnknownPlatformError(
      value,
      country.code,
      platforms.map((candidate) => candidate.name),
    );
  return platform;
}

export function findContentType(value: string | undefined): ContentType {
  if (value === undefined) return 'Film';
  const type = parseContentType(value);
  if (!type) throw new UnknownContentTypeError(value, [...CONTENT_TYPES]);
  return type;
}

export function checkMovieCount(value: number | undefined): number {
  if (value === undefined) return 3;
  if (!Number.isInteger(value) || value < 1 || value > MAX_MOVIES) throw new InvalidMovieCountError(value, MAX_MOVIES);
  return value;
}

/**
 * Turn what a user typed into catalog terms, or throw the typed error that lists what is available.
 * `genresAvailable` lists the genres the catalog has for the country (for the error message).
 */
export function resolveRequest(raw: RawRequest, genresAvailable: (country: Country) => string[]): RunRequest {
  const country = findCountry(raw.country);
  const genre = findGenre(raw.genre, country, () => genresAvailable(country));
  const platform = findPlatform(raw.platform, country);
  const contentType = findContentType(raw.contentType);
  const numMovies = checkMovieCount(raw.numMovies);
  const language = resolveLanguage(raw.language, country);
  return { country, genre, platform, contentType, numMovies, genreName: genre.names[country.language], language };
}
