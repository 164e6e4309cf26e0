import type { CountryCode } from './countries.js';

export interface Platform {
  readonly name: string;
  readonly aliases: readonly string[];
  /** Where the service streams; a title can only be listed on it in these countries. */
  readonly countries: readonly CountryCode[];
  /** Brand-like colours for posters and badges. */
  readonly color: string;
  readonly textColor: string;
}

const EVERYWHERE: readonly CountryCode[] = ['US', 'FR', 'CA', 'GB', 'DE'];

export const PLATFORMS: readonly Platform[] = [
  { name: 'Netflix', aliases: [], countries: EVERYWHERE, color: '#E50914', textColor: '#FFFFFF' },
  {
    name: 'Prime Video',
    aliases: ['Amazon Prime Video', 'Amazon Prime', 'Prime'],
    countries: EVERYWHERE,
    color: '#00A8E1',
    textColor: '#FFFFFF',
  },
  { name: 'Disney+', aliases: ['Disney'], countries: EVERYWHERE, color: '#113CCF', textColor: '#FFFFFF' },
  { name: 'Apple TV+', aliases: ['Apple TV', 'Apple'], countries: EVERYWHERE, color: '#2C2C2E', textColor: '#FFFFFF' },
  { name: 'Paramount+', aliases: ['Paramount'], countries: EVERYWHERE, color: '#0064FF', textColor: '#FFFFFF' },
  { name: 'Max', aliases: ['HBO Max', 'HBO'], countries: ['US', 'FR'], color: '#002BE7', textColor: '#FFFFFF' },
  { name: 'Hulu', aliases: [], countries: ['US'], color: '#1CE783', textColor: '#0B0C0F' },
  { name: 'Peacock', aliases: [], countries: ['US'], color: '#F9C80E', textColor: '#000000' },
  { name: 'Canal+', aliases: ['Canal', 'MyCanal'], countries: ['FR'], color: '#1A1A1A', textColor: '#FFFFFF' },
  { name: 'Crave', aliases: [], countries: ['CA'], color: '#1F4EF0', textColor: '#FFFFFF' },
  { name: 'NOW', aliases: ['NOW TV', 'Sky'], countries: ['GB'], color: '#00C7B1', textColor: '#0B0C0F' },
  { name: 'WOW', aliases: ['Sky Ticket'], countries: ['DE'], color: '#6B1E8F', textColor: '#FFFFFF' },
];
