import { canonicalParameter } from './name.js';
import type { EntryStatus } from './status.js';
import { parseDuration } from '../options/quantities.js';

/**
 * Which entries an operation touches. Matched on each entry's metadata (never by splitting its
 * file name), parameters compared as entries are named: case, Unicode form and spacing ignored.
 */
export interface EntryFilter {
  /** One entry by its file name, e.g. `script_result_us_horror_netflix.json` (corrupt files too). */
  readonly file?: string;
  readonly dataType?: string;
  readonly country?: string;
  readonly genre?: string;
  readonly platform?: string;
  /** Saved longer ago than this: milliseconds, or "7d", "12h"… */
  readonly olderThan?: number | string;
  readonly status?: EntryStatus;
}

/** What a filter looks at besides the file name and status: the entry's metadata. */
export interface FilterableEntry {
  readonly data_type: string;
  readonly parameters: { readonly country: string; readonly genre: string; readonly platform: string };
  readonly saved_timestamp: number;
}

export function entryMatcher(
  filter: EntryFilter = {},
  now = Date.now(),
): (entry: FilterableEntry, file: string, status: EntryStatus) => boolean {
  const olderThanMs = filter.olderThan === undefined ? undefined : parseDuration(filter.olderThan);
  const wanted = {
    country: filter.country === undefined ? undefined : canonicalParameter(filter.country),
    genre: filter.genre === undefined ? undefined : canonicalParameter(filter.genre),
    platform: filter.platform === undefined ? undefined : canonicalParameter(filter.platform),
  };
  return (entry, file, status) =>
    (filter.file === undefined || file === filter.file) &&
    (filter.dataType === undefined || entry.data_type === filter.dataType) &&
    (wanted.country === undefined || canonicalParameter(entry.parameters.country) === wanted.country) &&
    (wanted.genre === undefined || canonicalParameter(entry.parameters.genre) === wanted.genre) &&
    (wanted.platform === undefined || canonicalParameter(entry.parameters.platform) === wanted.platform) &&
    (olderThanMs === undefined || now - entry.saved_timestamp * 1000 > olderThanMs) &&
    (filter.status === undefined || status === filter.status);
}

export function isEmptyFilter(filter: EntryFilter = {}): boolean {
  return Object.values(filter).every((value) => value === undefined);
}
