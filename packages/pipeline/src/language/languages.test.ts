import { describe, expect, it } from 'vitest';
import { COUNTRIES } from '../catalog/countries.js';
import { UnknownLanguageError } from '../errors.js';
import { LANGUAGE_CODES, resolveLanguage } from './languages.js';

const country = (code: string) => {
  const found = COUNTRIES.find((candidate) => candidate.code === code);
  if (!found) throw new Error(`no country ${code}`);
  return found;
};

describe("a job's language", () => {
  it('follows the country: US, GB and CA speak English, FR French, DE German', () => {
    expect(['US', 'GB', 'CA', 'FR', 'DE'].map((code) => resolveLanguage(undefined, country(code)))).toEqual([
      'en',
      'en',
      'en',
      'fr',
      'de',
    ]);
    expect(resolveLanguage('  ', country('FR'))).toBe('fr');
  });

  it('is what --language says, as a code, a regional code or a name', () => {
    const us = country('US');
    expect(
      ['fr', 'FR', 'fr-CA', 'fr_FR', 'French', 'français', 'francais', 'Deutsch', 'de-DE', 'English'].map((value) =>
        resolveLanguage(value, us),
      ),
    ).toEqual(['fr', 'fr', 'fr', 'fr', 'fr', 'fr', 'fr', 'de', 'de', 'en']);
  });

  it('refuses a language it cannot speak, listing the ones it can', () => {
    let error: unknown;
    try {
      resolveLanguage('klingon', country('US'));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UnknownLanguageError);
    expect(error).toMatchObject({ code: 'UNKNOWN_LANGUAGE', available: ['en', 'fr', 'de'] });
    expect((error as Error).message).toMatch(
      /Unknown language "klingon"\. Supported languages: en, fr, de .*--language/,
    );
    expect(LANGUAGE_CODES).toEqual(['en', 'fr', 'de']);
  });
});
