import type { Cache, EntryFilter, EntryStatus } from '@streamgank/cache';
import { SEED_DATA_TYPES, describeDataTypes, resolveDataType } from '../../data-types.js';
import { UsageError } from '../../errors.js';
import { durationOption } from '../../quantities.js';

export interface FilterFlags {
  readonly type?: string;
  readonly country?: string;
  readonly genre?: string;
  readonly platform?: string;
  readonly status?: EntryStatus;
  readonly olderThan?: string;
}

/** The data types a user can name here: the seed's and whatever the cache holds. */
export function knownDataTypes(cache: Cache): string[] {
  return [...new Set([...SEED_DATA_TYPES, ...cache.list().files.map((file) => file.data_type)])];
}

/** A data type as typed (`scripts`, `script_result`) turned into the name entries carry. */
export function dataTypeFlag(cache: Cache, value: string): string {
  const known = knownDataTypes(cache);
  const resolved = resolveDataType(value, known);
  if (resolved) return resolved;
  if (/^[a-z][a-z0-9_]{0,63}$/.test(value)) return value;
  throw new UsageError(`--type ${JSON.stringify(value)} is not a data type: use one of ${describeDataTypes(known)}.`);
}

export function entryFilterFrom(cache: Cache, flags: FilterFlags): EntryFilter {
  return {
    ...(flags.type !== undefined && { dataType: dataTypeFlag(cache, flags.type) }),
    ...(flags.country !== undefined && { country: flags.country }),
    ...(flags.genre !== undefined && { genre: flags.genre }),
    ...(flags.platform !== undefined && { platform: flags.platform }),
    ...(flags.status !== undefined && { status: flags.status }),
    ...(flags.olderThan !== undefined && { olderThan: durationOption('--older-than', flags.olderThan) }),
  };
}

/** "type script_result, country US, older than 7d": what a filter selects, for messages. */
export function describeFilter(filter: EntryFilter, flags: FilterFlags): string {
  const parts = [
    filter.dataType && `type ${filter.dataType}`,
    filter.country && `country ${filter.country}`,
    filter.genre && `genre ${filter.genre}`,
    filter.platform && `platform ${filter.platform}`,
    filter.status && `status ${filter.status}`,
    flags.olderThan && `saved more than ${flags.olderThan} ago`,
  ].filter(Boolean);
  return parts.join(', ');
}
