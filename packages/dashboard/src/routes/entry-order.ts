import { ENTRY_STATUSES, type ListedEntry } from '@streamgank/cache';
import type { SortDirection, SortKey } from './entries-query.js';

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

type SortValue = (entry: ListedEntry) => number | string;

/** Numbers compare as numbers; text as a person reads it (case and accents aside, "2" before "10"). */
const SORT_VALUE: Readonly<Record<Exclude<SortKey, 'file'>, SortValue>> = {
  // Youngest first when ascending, as an age column reads.
  age: (entry) => -entry.saved_timestamp,
  data_type: (entry) => entry.data_type,
  country: (entry) => entry.parameters.country,
  genre: (entry) => entry.parameters.genre,
  platform: (entry) => entry.parameters.platform,
  size: (entry) => entry.size_bytes + entry.blob_bytes,
  producer: (entry) => entry.producer ?? '',
  status: (entry) => ENTRY_STATUSES.indexOf(entry.status),
};

function byFileName(a: ListedEntry, b: ListedEntry): number {
  return a.filename < b.filename ? -1 : a.filename > b.filename ? 1 : 0;
}

/**
 * The entries in the order asked for; entries that tie stay in file name order whichever the
 * direction, so a page never reshuffles between two requests. File names are ASCII (the cache
 * makes them so) and compare as they are.
 */
export function orderEntries(entries: readonly ListedEntry[], key: SortKey, direction: SortDirection): ListedEntry[] {
  const sign = direction === 'desc' ? -1 : 1;
  if (key === 'file') return [...entries].sort((a, b) => byFileName(a, b) * sign);
  const ranks = rankedValues(entries, SORT_VALUE[key]);
  const keyed = entries.map((entry, index) => ({ entry, rank: ranks[index] as number }));
  keyed.sort((a, b) => (a.rank - b.rank) * sign || byFileName(a.entry, b.entry));
  return keyed.map(({ entry }) => entry);
}

/**
 * Each entry's sort value as a number. Text columns hold a few distinct values (types, countries,
 * genres, producers) among thousands of entries, so the distinct values are collated once and
 * entries compare by their value's rank: a sort of 10,000 entries then costs no collation at all.
 */
function rankedValues(entries: readonly ListedEntry[], valueOf: SortValue): number[] {
  const values = entries.map(valueOf);
  if (values.every((value) => typeof value === 'number')) return values as number[];
  const distinct = [...new Set(values.map(String))].sort(collator.compare);
  const rank = new Map(distinct.map((value, index) => [value, index]));
  return values.map((value) => rank.get(String(value)) as number);
}
