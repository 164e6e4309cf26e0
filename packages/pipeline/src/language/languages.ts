import type { Country, Language } from '../catalog/countries.js';
import { matchKey } from '../catalog/matching.js';
import { UnknownLanguageError } from '../errors.js';

export type { Language } from '../catalog/countries.js';

export interface LanguageInfo {
  readonly code: Language;
  /** The language's name in English and in itself, both accepted by `--language`. */
  readonly names: readonly string[];
  /** BCP 47 locale for numbers and sentence boundaries. */
  readonly locale: string;
}

export const LANGUAGES: readonly LanguageInfo[] = [
  { code: 'en', names: ['English', 'anglais', 'Englisch'], locale: 'en-US' },
  { code: 'fr', names: ['French', 'français', 'Französisch'], locale: 'fr-FR' },
  { code: 'de', names: ['German', 'allemand', 'Deutsch'], locale: 'de-DE' },
];

export const LANGUAGE_CODES: readonly Language[] = LANGUAGES.map((language) => language.code);

export function languageInfo(code: Language): LanguageInfo {
  const info = LANGUAGES.find((language) => language.code === code);
  if (!info) throw new UnknownLanguageError(code, LANGUAGE_CODES);
  return info;
}

/**
 * The language a job speaks: `requested` (a code such as `fr` or `fr-CA`, or a name such as
 * `Deutsch`) when given, else the country's own (US, GB, CA → en; FR → fr; DE → de).
 */
export function resolveLanguage(requested: string | undefined, country: Country): Language {
  if (requested === undefined || requested.trim() === '') return country.language;
  const key = matchKey(requested);
  const primary = matchKey(requested.trim().split(/[-_]/)[0] ?? '');
  const found = LANGUAGES.find(
    (language) =>
      language.code === key || language.code === primary || language.names.some((name) => matchKey(name) === key),
  );
  if (!found) throw new UnknownLanguageError(requested, LANGUAGE_CODES);
  return found.code;
}
