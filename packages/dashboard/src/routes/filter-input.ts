import { CacheError, ENTRY_STATUSES, parseDuration, type EntryFilter, type EntryStatus } from '@streamgank/cache';
import { HttpError } from '../http/responses.js';

/** The filter's names on the wire (snake_case, as in the entry files and `--json`) and in EntryFilter. */
const FIELDS = {
  data_type: 'dataType',
  country: 'country',
  genre: 'genre',
  platform: 'platform',
  status: 'status',
  older_than: 'olderThan',
} as const;

type WireField = keyof typeof FIELDS;

export const FILTER_FIELDS = Object.keys(FIELDS) as WireField[];

/**
 * An EntryFilter from user input. Unknown names and empty values are refused rather than ignored:
 * a misspelt filter on a clear would otherwise widen it to every entry.
 */
export function parseEntryFilter(input: Readonly<Record<string, unknown>>): EntryFilter {
  const filter: { -readonly [K in keyof EntryFilter]: EntryFilter[K] } = {};
  for (const [name, value] of Object.entries(input)) {
    if (!(name in FIELDS)) {
      throw new HttpError(400, `Unknown filter "${name}": use ${FILTER_FIELDS.join(', ')}.`);
    }
    if (typeof value !== 'string' || value.trim() === '') {
      throw new HttpError(400, `Filter "${name}" must be a non-empty string.`);
    }
    const field = FIELDS[name as WireField];
    if (field === 'status') {
      if (!ENTRY_STATUSES.includes(value as EntryStatus))
        throw new HttpError(400, `Unknown status "${value}": use ${ENTRY_STATUSES.join(', ')}.`);
      filter.status = value as EntryStatus;
    } else if (field === 'olderThan') {
      filter.olderThan = checkedDuration(value);
    } else {
      filter[field] = value;
    }
  }
  return filter;
}

function checkedDuration(value: string): string {
  try {
    parseDuration(value);
    return value;
  } catch (error) {
    if (error instanceof CacheError) throw new HttpError(400, `Filter "older_than": ${error.message}`);
    throw error;
  }
}
