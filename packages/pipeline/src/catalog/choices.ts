import { embeddedCatalog, type Catalog } from './catalog-data.js';
import { CONTENT_TYPES } from './content-types.js';
import { COUNTRIES } from './countries.js';
import { GENRES } from './genres.js';
import { findCountry, platformsOf } from './resolve-request.js';

export interface CatalogChoices {
  readonly countries: string[];
  /** Genres with at least one title in the country, named in its language. Throws UnknownCountryError. */
  genres(country: string): string[];
  /** Platforms with at least one title in the country. Throws UnknownCountryError. */
  platforms(country: string): string[];
  readonly contentTypes: string[];
}

export function genresIn(catalog: Catalog, countryCode: string): string[] {
  const country = findCountry(countryCode);
  return GENRES.filter((genre) =>
    catalog.titles.some((title) => title.genres.includes(genre.id) && title.platforms[country.code].length > 0),
  ).map((genre) => genre.names[country.language]);
}

/** What a run can ask for, from the embedded catalog (for help texts, completions and error messages). */
export function catalogChoices(catalog: Catalog = embeddedCatalog()): CatalogChoices {
  return {
    countries: COUNTRIES.map((country) => country.code),
    genres: (country) => genresIn(catalog, country),
    platforms: (code) => {
      const country = findCountry(code);
      return platformsOf(country)
        .filter((platform) => catalog.titles.some((title) => title.platforms[country.code].includes(platform.name)))
        .map((platform) => platform.name);
    },
    contentTypes: [...CONTENT_TYPES],
  };
}
