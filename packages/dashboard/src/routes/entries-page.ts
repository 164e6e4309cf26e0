import { canonicalParameter, type ListedEntry } from '@streamgank/cache';
import type { CacheListings } from '../cache-listings.js';
import type { EntriesQuery, SortDirection, SortKey } from './entries-query.js';
import { orderEntries } from './entry-order.js';

/** The values each filter can take, for the page's filter menus: one spelling per canonical value. */
export interface FilterChoices {
  readonly data_type: string[];
  readonly country: string[];
  readonly genre: string[];
  readonly platform: string[];
}

/** `GET /api/entries`: one page of the table, and what the page needs around it. */
export interface EntriesPage {
  /** The entries of this page, as `cache.list()` lists them. */
  readonly files: ListedEntry[];
  /** 1-based; a page past the end is answered with the last one. */
  readonly page: number;
  readonly page_size: number;
  /** At least 1, even when nothing matches. */
  readonly page_count: number;
  /** Entries matching the filters and the search. */
  readonly filtered_count: number;
  /** Entries in the cache. */
  readonly total_count: number;
  readonly sort: SortKey;
  readonly direction: SortDirection;
  readonly choices: FilterChoices;
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/**
 * One page of entries. Listing, searching and ordering are remembered for the cache's entries
 * `version`, so turning pages or coming back to a sort costs only a slice. A filter on age
 * (`older_than`) matches differently as time passes: it is worked out on each request.
 */
export function entriesPage(listings: CacheListings, version: string, query: EntriesQuery): EntriesPage {
  const all = listings.all(version);
  const selectAndOrder = () => {
    const listed = Object.keys(query.filter).length === 0 ? all : listings.cache.list(query.filter).files;
    const { search } = query;
    const found =
      search === undefined ? listed : listed.filter((entry) => entry.filename.toLowerCase().includes(search));
    return orderEntries(found, query.sort, query.direction);
  };
  const matching =
    query.filter.olderThan === undefined
      ? listings.remember(
          version,
          `rows:${JSON.stringify([query.filter, query.search, query.sort, query.direction])}`,
          selectAndOrder,
        )
      : selectAndOrder();
  const pageCount = Math.max(1, Math.ceil(matching.length / query.pageSize));
  const page = Math.min(query.page, pageCount);
  const start = (page - 1) * query.pageSize;
  return {
    files: matching.slice(start, start + query.pageSize),
    page,
    page_size: query.pageSize,
    page_count: pageCount,
    filtered_count: matching.length,
    total_count: all.length,
    sort: query.sort,
    direction: query.direction,
    choices: listings.remember(version, 'choices', () => filterChoices(all)),
  };
}

function filterChoices(entries: readonly ListedEntry[]): FilterChoices {
  const distinct = (valueOf: (entry: ListedEntry) => string, canonical: (value: string) => string) => {
    const seen = new Map<string, string>();
    for (const entry of entries) {
      const value = valueOf(entry);
      if (value === '') continue;
      const key = canonical(value);
      if (!seen.has(key)) seen.set(key, value);
    }
    return [...seen.values()].sort(collator.compare);
  };
  return {
    data_type: distinct(
      (entry) => entry.data_type,
      (value) => value,
    ),
    country: distinct((entry) => entry.parameters.country, canonicalParameter),
    genre: distinct((entry) => entry.parameters.genre, canonicalParameter),
    platform: distinct((entry) => entry.parameters.platform, canonicalParameter),
  };
}
