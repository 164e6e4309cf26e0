export const COUNTRY_CODES = ['US', 'FR', 'CA', 'GB', 'DE'] as const;
export type CountryCode = (typeof COUNTRY_CODES)[number];

export type Language = 'en' | 'fr' | 'de';

export interface Country {
  readonly code: CountryCode;
  readonly name: string;
  /** The language its genre names are shown in. */
  readonly language: Language;
  /** Languages whose genre names are accepted besides English. */
  readonly accepts: readonly Language[];
  /** Other ways people write it: `USA`, `UK`, `France`… */
  readonly aliases: readonly string[];
}

export const COUNTRIES: readonly Country[] = [
  { code: 'US', name: 'United States', language: 'en', accepts: ['en'], aliases: ['USA', 'United States', 'America'] },
  { code: 'FR', name: 'France', language: 'fr', accepts: ['en', 'fr'], aliases: ['France'] },
  { code: 'CA', name: 'Canada', language: 'en', accepts: ['en', 'fr'], aliases: ['Canada'] },
  {
    code: 'GB',
    name: 'United Kingdom',
    language: 'en',
    accepts: ['en'],
    aliases: ['UK', 'United Kingdom', 'Great Britain'],
  },
  { code: 'DE', name: 'Germany', language: 'de', accepts: ['en', 'de'], aliases: ['Germany', 'Deutschland'] },
];
