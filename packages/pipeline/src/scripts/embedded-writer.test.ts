import { describe, expect, it } from 'vitest';
import { embeddedCatalog } from '../catalog/catalog-data.js';
import { genresIn } from '../catalog/choices.js';
import { resolveRequest, type RawRequest } from '../catalog/resolve-request.js';
import { selectMovies } from '../catalog/select-titles.js';
import { writeEmbeddedScripts } from './embedded-writer.js';
import { scriptResultSchema, toScriptResult } from './script-result.js';
import type { ScriptRequest } from './script-request.js';

const catalog = embeddedCatalog();

function scriptRequest(raw: RawRequest): ScriptRequest {
  const request = resolveRequest(raw, (country) => genresIn(catalog, country.code));
  return {
    movies: selectMovies(catalog, request),
    genreId: request.genre.id,
    genreName: request.genre.names[request.language],
    platform: request.platform.name,
    country: request.country.code,
    contentType: request.contentType,
    language: request.language,
  };
}

const words = (text: string) => new Set(text.toLowerCase().match(/\p{L}+/gu) ?? []);
const ENGLISH = ['the', 'and', 'on', 'with', 'because', 'from', 'it', 'you', 'rated', 'here', 'are'];
const FRENCH = ['les', 'la', 'et', 'sur', 'de', 'vous', 'avec', 'car', 'catégorie', 'voici', 'qui'];
const GERMAN = ['die', 'der', 'und', 'auf', 'mit', 'denn', 'aus', 'kategorie', 'du', 'hier', 'ist', 'sind'];
/** How many of a language's everyday words a text uses. */
const share = (text: string, vocabulary: readonly string[]) =>
  vocabulary.filter((word) => words(text).has(word)).length;

const sentences = (text: string) => text.split(/(?<=[.!?])\s+/).filter(Boolean);

describe('the embedded script writer', () => {
  it('writes the same words for the same request', async () => {
    const request = scriptRequest({ country: 'US', genre: 'Horror', platform: 'Netflix' });
    expect(await writeEmbeddedScripts(request)).toEqual(await writeEmbeddedScripts(request));
  });

  it('writes a hook and one readable line per title, naming each title', async () => {
    const request = scriptRequest({ country: 'US', genre: 'Horror', platform: 'Netflix' });
    const written = await writeEmbeddedScripts(request);
    expect(written.hook).toMatch(/three .*Horror films on Netflix/);
    expect(written.lines).toHaveLength(3);
    written.lines.forEach((line, index) => {
      expect(line).toContain(request.movies[index]?.title);
      expect(line).toMatch(/^[A-Z].*[.!]$/);
      expect(line.length).toBeLessThan(220);
    });
  });

  it('never gives two titles the same sentence, even in a list of ten', async () => {
    for (const raw of [
      { country: 'US', genre: 'Horror', platform: 'Netflix', numMovies: 10 },
      { country: 'US', genre: 'Drama', platform: 'Netflix', numMovies: 10 },
      { country: 'FR', genre: 'Comédie', platform: 'Netflix', numMovies: 5 },
      { country: 'US', genre: 'Drama', platform: 'Netflix', numMovies: 10, language: 'fr' },
      { country: 'US', genre: 'Drama', platform: 'Netflix', numMovies: 10, language: 'de' },
    ]) {
      const written = await writeEmbeddedScripts(scriptRequest(raw));
      const all = written.lines.flatMap((line, index) =>
        sentences(line.replace(scriptRequest(raw).movies[index]?.title ?? '', 'TITLE')),
      );
      expect(new Set(all).size).toBe(all.length);
    }
  });

  it('sounds like the genre', async () => {
    const horror = await writeEmbeddedScripts(scriptRequest({ country: 'US', genre: 'Horror', platform: 'Netflix' }));
    const comedy = await writeEmbeddedScripts(scriptRequest({ country: 'US', genre: 'Comedy', platform: 'Netflix' }));
    expect(horror.hook).toContain('spine-chilling');
    expect(comedy.hook).toContain('funniest');
    expect(horror.lines.join(' ')).not.toEqual(comedy.lines.join(' '));
  });

  it('writes French for a French job: its own templates, the genre and titles as the French catalog names them', async () => {
    const request = scriptRequest({ country: 'FR', genre: 'Horreur', platform: 'Netflix' });
    const written = await writeEmbeddedScripts(request);
    const text = [written.hook, ...written.lines].join(' ');
    expect(written.hook).toMatch(/^(Voici|Vous cherchez|Arrêtez)/);
    expect(written.hook).toContain('les trois films de la catégorie Horreur qui font le plus frissonner');
    expect(share(text, FRENCH)).toBeGreaterThanOrEqual(6);
    expect(share(text, ENGLISH)).toBe(0);
    expect(text).toMatch(/\b\d,\d\b/); // scores are written 7,3 in French
    written.lines.forEach((line, index) => expect(line).toContain(request.movies[index]?.title));
  });

  it('writes German for a German job', async () => {
    const request = scriptRequest({ country: 'DE', genre: 'Horror', platform: 'Netflix' });
    const written = await writeEmbeddedScripts(request);
    const text = [written.hook, ...written.lines].join(' ');
    expect(written.hook).toMatch(/die drei gruseligsten Filme aus der Kategorie Horror/);
    expect(share(text, GERMAN)).toBeGreaterThanOrEqual(6);
    expect(share(text, ENGLISH)).toBe(0);
    expect(
      share(
        text,
        FRENCH.filter((word) => word !== 'de'),
      ),
    ).toBe(0);
  });

  it('writes the language asked for, naming the genre in it, whatever the country', async () => {
    const written = await writeEmbeddedScripts(
      scriptRequest({ country: 'US', genre: 'Comedy', platform: 'Netflix', language: 'fr' }),
    );
    expect(written.hook).toContain('de la catégorie Comédie qui font le plus rire');
    const german = await writeEmbeddedScripts(
      scriptRequest({ country: 'GB', genre: 'Kids', platform: 'Netflix', language: 'de' }),
    );
    expect(german.hook).toContain('Kinder & Familie');
  });

  it('agrees with one title or a series in French and German', async () => {
    for (const language of ['fr', 'de']) {
      const one = await writeEmbeddedScripts(
        scriptRequest({ country: 'US', genre: 'Drama', platform: 'Netflix', numMovies: 1, language }),
      );
      expect(one.hook).toMatch(
        language === 'fr'
          ? /le film de la catégorie Drame qui bouleverse le plus/
          : /ist der packendste Film aus der Kategorie Drama/,
      );
      const series = await writeEmbeddedScripts(
        scriptRequest({
          country: 'US',
          genre: 'Drama',
          platform: 'Netflix',
          contentType: 'Série',
          numMovies: 1,
          language,
        }),
      );
      expect(series.hook).toMatch(
        language === 'fr'
          ? /la série de la catégorie Drame qui bouleverse le plus/
          : /ist die packendste Serie aus der Kategorie Drama/,
      );
    }
  });

  it('uses the genre and titles as the country names them', async () => {
    const written = await writeEmbeddedScripts(scriptRequest({ country: 'FR', genre: 'Horreur', platform: 'Netflix' }));
    expect(written.hook).toContain('Horreur');
    expect(written.lines.join(' ')).toContain('Ça');
  });

  it("fills the seed's script_result shape", async () => {
    const request = scriptRequest({ country: 'US', genre: 'Horror', platform: 'Netflix' });
    const written = await writeEmbeddedScripts(request);
    const result = toScriptResult(
      written,
      request.movies,
      { country: 'US', genre: 'Horror', platform: 'Netflix', contentType: 'Film', numMovies: 3, producer: 'embedded' },
      1_700_000_000_000,
    );
    expect(scriptResultSchema.safeParse(result).success).toBe(true);
    expect(result.script_count).toBe(3);
    expect(Object.keys(result.individual_scripts)).toEqual(['movie1', 'movie2', 'movie3']);
    expect(result.individual_scripts['movie1']?.text.startsWith(written.hook)).toBe(true);
    expect(result.individual_scripts['movie2']).toEqual({ text: written.lines[1], path: 'script_movie2.txt' });
    expect(result.combined_script.split('\n\n')).toHaveLength(3);
    expect(result.raw_movies).toEqual(request.movies);
  });
});
