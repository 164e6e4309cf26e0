import { NotEnoughTitlesError } from '../errors.js';
import type { Catalog, CatalogTitle } from './catalog-data.js';
import type { Country } from './countries.js';
import { GENRES, type Genre } from './genres.js';
import type { Movie } from './movie.js';
import { platformsOf, type RunRequest } from './resolve-request.js';
import type { ContentType } from './content-types.js';

/**
 * 175531 → "175,531", as the seed wrote vote counts. Not toLocaleString: its first call loads
 * ICU's locale data, a fifth of a run served from the cache.
 */
function votes(value: number): string {
  return String(Math.trunc(value)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Best first: IMDb score, then votes, then title and id so that ties always come out the same. */
function byRanking(a: CatalogTitle, b: CatalogTitle): number {
  return b.imdbScore - a.imdbScore || b.imdbVotes - a.imdbVotes || a.title.localeCompare(b.title) || a.id - b.id;
}

export function matchingTitles(
  catalog: Catalog,
  country: Country,
  genre: Genre,
  platform: string,
  contentType: ContentType,
): CatalogTitle[] {
  return catalog.titles
    .filter(
      (title) =>
        title.genres.includes(genre.id) &&
        title.platforms[country.code].includes(platform) &&
        (contentType === 'all' || title.type === contentType),
    )
    .sort(byRanking);
}

export function toMovie(title: CatalogTitle, request: RunRequest): Movie {
  const { country } = request;
  const localTitle = title.localTitles[country.code];
  const genreNames = title.genres.map((id) => GENRES.find((genre) => genre.id === id)?.names[country.language] ?? id);
  return {
    id: title.id,
    title: localTitle ?? title.title,
    ...(localTitle && localTitle !== title.title && { original_title: title.title }),
    year: title.year,
    imdb: `${title.imdbScore.toFixed(1)}/10 (${votes(title.imdbVotes)} votes)`,
    imdb_score: title.imdbScore,
    imdb_votes: title.imdbVotes,
    runtime: `${title.runtimeMinutes} min`,
    platform: request.platform.name,
    genres: genreNames,
    content_type: title.type,
    country_code: country.code,
  };
}

/** The top `numMovies` titles for the request, or NotEnoughTitlesError naming platforms that have enough. */
export function selectMovies(catalog: Catalog, request: RunRequest): Movie[] {
  const { country, genre, platform, contentType, numMovies } = request;
  const found = matchingTitles(catalog, country, genre, platform.name, contentType);
  if (found.length < numMovies) {
    const alternatives = platformsOf(country)
      .map((other) => ({
        name: other.name,
        count: matchingTitles(catalog, country, genre, other.name, contentType).length,
      }))
      .filter((other) => other.name !== platform.name && other.count >= numMovies)
      .map((other) => `${other.name} (${other.count})`);
    const kind = contentType === 'all' ? 'titles' : contentType === 'Film' ? 'films' : 'series';
    throw new NotEnoughTitlesError(
      `${request.genreName} ${kind} on ${platform.name} in ${country.code}`,
      found.length,
      numMovies,
      alternatives,
    );
  }
  return found.slice(0, numMovies).map((title) => toMovie(title, request));
}
