import type { EntryFilter } from '@streamgank/cache';
import { HttpError } from '../http/responses.js';
import { FILTER_FIELDS, parseEntryFilter } from './filter-input.js';

export const SORT_KEYS = [
  'age',
  'file',
  'data_type',
  'country',
  'genre',
  'platform',
  'size',
  'producer',
  'status',
] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDirection = 'asc' | 'desc';

export const PAGE_SIZE_DEFAULT = 50;
export const PAGE_SIZE_MAX = 500;
const SEARCH_MAX_CHARS = 200;
const VIEW_FIELDS = ['search', 'sort', 'direction', 'page', 'page_size'] as const;
const KNOWN = new Set<string>([...FILTER_FIELDS, ...VIEW_FIELDS]);

/** One page of the entries table as `GET /api/entries?…` asks for it. */
export interface EntriesQuery {
  readonly filter: EntryFilter;
  /** Lower case, spaces as `_`: compared with file names, which are written that way. */
  readonly search: string | undefined;
  readonly sort: SortKey;
  readonly direction: SortDirection;
  /** 1-based. */
  readonly page: number;
  readonly pageSize: number;
}

/**
 * The query string read strictly: every name known, none twice, every value checked, so that a
 * typo is a 400 that says what to send rather than a silently wider or different table.
 */
export function parseEntriesQuery(query: URLSearchParams): EntriesQuery {
  const values = new Map<string, string>();
  for (const [name, value] of query) {
    if (!KNOWN.has(name)) {
      throw new HttpError(400, `Unknown parameter "${name}": use ${[...KNOWN].join(', ')}.`);
    }
    if (values.has(name)) throw new HttpError(400, `Parameter "${name}" is given twice.`);
    values.set(name, value);
  }
  const filterInput = Object.fromEntries(
    FILTER_FIELDS.filter((name) => values.has(name)).map((name) => [name, values.get(name)]),
  );
  return {
    filter: parseEntryFilter(filterInput),
    search: searchText(values.get('search')),
    sort: oneOf('sort', values.get('sort'), SORT_KEYS, 'age'),
    direction: oneOf('direction', values.get('direction'), ['asc', 'desc'] as const, 'asc'),
    page: wholeNumber('page', values.get('page'), 1, Number.MAX_SAFE_INTEGER, 1),
    pageSize: wholeNumber('page_size', values.get('page_size'), 1, PAGE_SIZE_MAX, PAGE_SIZE_DEFAULT),
  };
}

function searchText(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const text = value.normalize('NFC').trim().toLowerCase().replace(/\s+/gu, '_');
  if (text === '') throw new HttpError(400, 'Parameter "search" must not be empty: leave it out to show every entry.');
  if (text.length > SEARCH_MAX_CHARS) {
    throw new HttpError(400, `Parameter "search" is too long: at most ${SEARCH_MAX_CHARS} characters of a file name.`);
  }
  return text;
}

function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new HttpError(400, `Unknown ${name} "${value}": use ${allowed.join(', ')}.`);
  }
  return value as T;
}

function wholeNumber(name: string, value: string | undefined, min: number, max: number, fallback: number): number {
  if (value === undefined) return fallback;
  const number = /^\d{1,16}$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(number) || number < min || number > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `${min} or more` : `from ${min} to ${max}`;
    throw new HttpError(400, `Parameter "${name}" must be a whole number ${range}, not "${value}".`);
  }
  return number;
}
