import type { Language } from '../../catalog/countries.js';
import { german } from './de.js';
import { english } from './en.js';
import { french } from './fr.js';
import type { Phrasebook } from './phrasebook.js';

export type { HookFacts, LineFacts, Phrasebook } from './phrasebook.js';

const PHRASEBOOKS: Readonly<Record<Language, Phrasebook>> = { en: english, fr: french, de: german };

export function phrasebookFor(language: Language): Phrasebook {
  return PHRASEBOOKS[language];
}
