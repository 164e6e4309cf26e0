import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  catalogChoices,
  InvalidMovieCountError,
  NotEnoughTitlesError,
  UnknownContentTypeError,
  UnknownCountryError,
  UnknownGenreError,
  UnknownPlatformError,
} from '../index.js';
import { embeddedCatalog, readCatalog } from './catalog-data.js';
import { COUNTRY_CODES } from './countries.js';
import { GENRES } from './genres.js';
import { PLATFORMS } from './platforms.js';
import { resolveRequest, type RawRequest } from './resolve-request.js';
import { genresIn } from './choices.js';
import { selectMovies } from './select-titles.js';

const catalog = embeddedCatalog();
const titlesFor = (raw: RawRequest) =>
  selectMovies(
    catalog,
    resolveRequest(raw, (country) => genresIn(catalog, country.code)),
  );

function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describe('the embedded catalog', () => {
  it('holds at least 300 distinct titles with unique ids', () => {
    expect(catalog.titles.length).toBeGreaterThanOrEqual(300);
    expect(new Set(catalog.titles.map((title) => title.id)).size).toBe(catalog.titles.length);
    expect(new Set(catalog.titles.map((title) => `${title.title} ${title.year}`)).size).toBe(catalog.titles.length);
  });

  it('has plausible facts for every title', () => {
    for (const title of catalog.titles) {
      expect(title.imdbScore, title.title).toBeGreaterThanOrEqual(1);
      expect(title.imdbScore, title.title).toBeLessThanOrEqual(10);
      expect(title.imdbVotes, title.title).toBeGreaterThan(1000);
      expect(title.runtimeMinutes, title.title).toBeGreaterThan(0);
      expect(title.year, title.title).toBeGreaterThanOrEqual(1950);
    }
  });

  it('lists every title on real platforms of the countries it is listed in, and somewhere at least', () => {
    for (const title of catalog.titles) {
      const everywhere = COUNTRY_CODES.flatMap((country) => title.platforms[country]);
      expect(everywhere.length, title.title).toBeGreaterThan(0);
      for (const country of COUNTRY_CODES) {
        for (const name of title.platforms[country]) {
          const platform = PLATFORMS.find((candidate) => candidate.name === name);
          expect(platform, `${title.title}: ${name}`).toBeDefined();
          expect(platform?.countries, `${title.title}: ${name} in ${country}`).toContain(country);
        }
      }
    }
  });

  it('covers five countries, at least ten genres and the major platforms', () => {
    const choices = catalogChoices();
    expect(choices.countries).toEqual(expect.arrayContaining(['US', 'FR', 'CA', 'GB', 'DE']));
    for (const country of choices.countries) expect(choices.genres(country).length, country).toBeGreaterThanOrEqual(10);
    expect(choices.platforms('US')).toEqual(
      expect.arrayContaining(['Netflix', 'Prime Video', 'Disney+', 'Max', 'Apple TV+', 'Hulu']),
    );
    expect(choices.platforms('FR')).toEqual(expect.arrayContaining(['Netflix', 'Canal+', 'Max']));
    expect(choices.platforms('FR')).not.toContain('Hulu');
    expect(choices.genres('FR')).toEqual(
      expect.arrayContaining(['Horreur', 'Drame', 'Mystère & Thriller', 'Pour enfants', 'Action & Aventure']),
    );
    expect(choices.genres('US')).toEqual(
      expect.arrayContaining(['Horror', 'Drama', 'Mystery & Thriller', 'Kids', 'Action & Adventure']),
    );
    expect(choices.contentTypes).toEqual(['Film', 'Série', 'all']);
  });
});

describe('choosing titles', () => {
  it('takes the top titles by IMDb score, then votes', () => {
    const movies = titlesFor({ country: 'US', genre: 'Horror', platform: 'Netflix' });
    expect(movies.map((movie) => movie.title)).toEqual(['Godzilla Minus One', 'Train to Busan', 'The Wailing']);
    expect(movies[0]).toMatchObject({
      imdb: '7.7/10 (175,531 votes)',
      runtime: '124 min',
      platform: 'Netflix',
      content_type: 'Film',
      country_code: 'US',
    });
    const five = titlesFor({ country: 'US', genre: 'Horror', platform: 'Netflix', numMovies: 10 });
    const ranked = [...five].sort((a, b) => b.imdb_score - a.imdb_score || b.imdb_votes - a.imdb_votes);
    expect(five).toEqual(ranked);
  });

  it('names titles and genres as the country knows them', () => {
    const movies = titlesFor({ country: 'FR', genre: 'Horreur', platform: 'Netflix' });
    expect(movies.map((movie) => movie.title)).toContain('Ça');
    const it = movies.find((movie) => movie.title === 'Ça');
    expect(it).toMatchObject({ original_title: 'It', genres: expect.arrayContaining(['Horreur']) });
  });

  it('accepts English genre names everywhere and local ones in their country, whatever the case and accents', () => {
    const request = (country: string, genre: string) =>
      resolveRequest({ country, genre, platform: 'Netflix' }, () => []);
    expect(request('FR', 'Horror').genreName).toBe('Horreur');
    expect(request('FR', 'horreur').genreName).toBe('Horreur');
    expect(request('FR', 'MYSTERE & THRILLER').genreName).toBe('Mystère & Thriller');
    expect(request('FR', 'Mystery and Thriller').genreName).toBe('Mystère & Thriller');
    expect(request('FR', 'pour enfants').genreName).toBe('Pour enfants');
    expect(request('FR', 'Action & Aventure').genreName).toBe('Action & Aventure');
    expect(request('US', 'Kids').genreName).toBe('Kids');
    expect(request('US', 'action & adventure').genreName).toBe('Action & Adventure');
    expect(request('DE', 'Komödie').genreName).toBe('Komödie');
    expect(request('DE', 'comedy').genreName).toBe('Komödie');
    expect(request('CA', 'Drame').genreName).toBe('Drama');
    expect(() => request('US', 'Horreur')).toThrow(UnknownGenreError);
  });

  it('reads content types in English and French', () => {
    const series = titlesFor({ country: 'US', genre: 'Horror', platform: 'Netflix', contentType: 'TV Show' });
    expect(series.every((movie) => movie.content_type === 'Série')).toBe(true);
    expect(titlesFor({ country: 'US', genre: 'Horror', platform: 'Netflix', contentType: 'série' })).toEqual(series);
    const all = titlesFor({ country: 'US', genre: 'Horror', platform: 'Netflix', contentType: 'all', numMovies: 10 });
    expect(new Set(all.map((movie) => movie.content_type))).toEqual(new Set(['Film', 'Série']));
  });

  it.each([
    ['FR', 'Horreur', 'Netflix'],
    ['FR', 'Drame', 'Canal+'],
    ['FR', 'Comédie', 'Netflix'],
    ['CA', 'Comedy', 'Netflix'],
    ['CA', 'Drama', 'Crave'],
    ['GB', 'Crime', 'Netflix'],
    ['GB', 'Mystery & Thriller', 'Prime Video'],
    ['DE', 'Krimi', 'Netflix'],
    ['DE', 'Action & Abenteuer', 'Prime Video'],
    ['US', 'Kids', 'Disney+'],
    ['US', 'Drama', 'Max'],
    ['US', 'Comedy', 'Apple TV+'],
    ['US', 'Horror', 'Hulu'],
  ])('finds three films for %s / %s / %s', (country, genre, platform) => {
    expect(titlesFor({ country, genre, platform })).toHaveLength(3);
  });
});

describe('requests the catalog cannot serve', () => {
  it('names the available countries', () => {
    const error = thrown(() => titlesFor({ country: 'Narnia', genre: 'Horror', platform: 'Netflix' }));
    expect(error).toBeInstanceOf(UnknownCountryError);
    expect((error as UnknownCountryError).available).toEqual(['US', 'FR', 'CA', 'GB', 'DE']);
    expect((error as Error).message).toMatch(/Narnia.*US, FR, CA, GB, DE/);
  });

  it('names the genres of the country, in its language', () => {
    const error = thrown(() => titlesFor({ country: 'FR', genre: 'Telenovela', platform: 'Netflix' }));
    expect(error).toBeInstanceOf(UnknownGenreError);
    expect((error as UnknownGenreError).available).toContain('Horreur');
    expect((error as Error).message).toContain('Mystère & Thriller');
  });

  it('names the platforms of the country', () => {
    const error = thrown(() => titlesFor({ country: 'FR', genre: 'Horreur', platform: 'Hulu' }));
    expect(error).toBeInstanceOf(UnknownPlatformError);
    expect((error as UnknownPlatformError).available).toEqual(expect.arrayContaining(['Netflix', 'Canal+']));
  });

  it('names the content types', () => {
    const error = thrown(() =>
      titlesFor({ country: 'US', genre: 'Horror', platform: 'Netflix', contentType: 'Podcast' }),
    );
    expect(error).toBeInstanceOf(UnknownContentTypeError);
    expect((error as UnknownContentTypeError).available).toEqual(['Film', 'Série', 'all']);
  });

  it('refuses a number of titles outside 1 to 10', () => {
    for (const numMovies of [0, -1, 2.5, 11]) {
      expect(() => titlesFor({ country: 'US', genre: 'Horror', platform: 'Netflix', numMovies })).toThrow(
        InvalidMovieCountError,
      );
    }
  });

  it('says how many titles match and which platforms have enough', () => {
    const error = thrown(() => titlesFor({ country: 'US', genre: 'Western', platform: 'Apple TV+' }));
    expect(error).toBeInstanceOf(NotEnoughTitlesError);
    const notEnough = error as NotEnoughTitlesError;
    expect(notEnough.requested).toBe(3);
    expect(notEnough.found).toBeLessThan(3);
    expect(notEnough.available.length).toBeGreaterThan(0);
    expect(notEnough.available.join(' ')).toMatch(/Netflix \(\d+\)/);
  });

  it('has a name in every language for every genre', () => {
    for (const genre of GENRES) for (const name of Object.values(genre.names)) expect(name.length).toBeGreaterThan(0);
  });
});

describe('the catalog files', () => {
  it('shipped in the package pass the schema, so a run can read them without checking each time', () => {
    expect(readCatalog()).toEqual(embeddedCatalog());
    expect(embeddedCatalog().titles.length).toBeGreaterThan(380);
  });

  it('are refused when checked, naming the file and the title', () => {
    const dir = mkdtempSync(join(tmpdir(), 'streamgank-catalog-'));
    try {
      writeFileSync(
        join(dir, '01-bad.json'),
        JSON.stringify([
          { id: 1, title: 'X', year: 1800, type: 'Film', genres: ['horror'], imdb: [7, 10], runtime: 90, on: {} },
        ]),
      );
      expect(() => readCatalog(dir)).toThrow(/catalog file 01-bad\.json: 0\.year/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
