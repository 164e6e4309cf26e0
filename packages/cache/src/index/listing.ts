import { accessSync, constants, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { HourlyActivity } from '../activity/log.js';
import { emptyCounts } from '../activity/log.js';
import type { CacheContext } from '../context.js';
import type { BlobRef } from '../entries/format.js';
import { entryMatcher, isEmptyFilter, type EntryFilter } from '../entries/filter.js';
import { rowBlobs, rowParameters } from './snapshot.js';
import type { IndexView } from './view.js';
import { statusOf, type EntryStatus, type IndexedEntry } from './indexed-entry.js';
import { toMegabytes } from '../options/quantities.js';

/** One entry as `listTestData` returns it (the seed's keys), with what this version adds. */
export interface ListedEntry {
  readonly filename: string;
  readonly path: string;
  readonly size_bytes: number;
  readonly size_mb: number;
  readonly data_type: string;
  readonly parameters: { readonly country: string; readonly genre: string; readonly platform: string };
  readonly saved_timestamp: number;
  readonly saved_datetime: string;
  readonly status: EntryStatus;
  readonly blob_count: number;
  readonly blob_bytes: number;
  readonly producer: string | null;
  readonly produce_ms: number | null;
  readonly cost_usd: number | null;
  readonly stale_reasons?: readonly string[];
  readonly corrupt_reason?: string;
  readonly blobs: readonly BlobRef[];
}

export interface ListResult {
  readonly files: ListedEntry[];
  readonly total_count: number;
  readonly total_size_mb: number;
}

export function listEntries(context: CacheContext, filter: EntryFilter = {}): ListResult {
  const matches = entryMatcher(filter, context.now());
  // One join for the directory, not one per entry: this runs over every entry of a large cache.
  const prefix = join(context.directory, '_').slice(0, -1);
  const all = context.index.collect(
    (view) => listedView(view, prefix),
    (entries) => entries.map((entry) => listed(prefix, entry)),
  );
  const files = isEmptyFilter(filter) ? all : all.filter((file) => matches(file, file.filename, file.status));
  // The snapshot is kept in this order already; only entries written since need sorting in.
  if (!isSorted(files, newestFirst)) files.sort(newestFirst);
  const bytes = files.reduce((sum, file) => sum + file.size_bytes, 0);
  return { files, total_count: files.length, total_size_mb: toMegabytes(bytes) };
}

function newestFirst(a: ListedEntry, b: ListedEntry): number {
  return b.saved_timestamp - a.saved_timestamp || (a.filename < b.filename ? -1 : a.filename > b.filename ? 1 : 0);
}

function isSorted<T>(items: readonly T[], order: (a: T, b: T) => number): boolean {
  for (let i = 1; i < items.length; i += 1) if (order(items[i - 1] as T, items[i] as T) > 0) return false;
  return true;
}

/**
 * Every entry of the index, listed. Snapshot rows are read in one loop straight from the columns:
 * on a large cache, a call per row and an entry object per row in between were a third of a
 * listing's time in a fresh process. Entries the journal changed go through `listed`; both build
 * the same fields.
 */
function listedView(view: IndexView, prefix: string): ListedEntry[] {
  const { columns: c, changed, staleRows } = view.parts();
  const files: ListedEntry[] = [];
  if (c) {
    const names = c.names;
    for (let row = 0; row < c.file.length; row += 1) {
      const file = c.file[row] as string;
      if (changed.has(file)) continue;
      const size = c.size[row] as number;
      const blobs = rowBlobs(c, row);
      let blobBytes = 0;
      for (const blob of blobs) blobBytes += blob.bytes;
      const stale = staleRows.get(file) ?? c.stale[row] ?? undefined;
      const corrupt = c.corrupt[row] ?? undefined;
      const producer = c.producer[row] as number;
      const listedRow: { -readonly [K in keyof ListedEntry]: ListedEntry[K] } = {
        filename: file,
        path: prefix + file,
        size_bytes: size,
        size_mb: toMegabytes(size),
        data_type: names[c.type[row] as number] ?? '',
        parameters: rowParameters(c, row),
        saved_timestamp: c.saved[row] as number,
        saved_datetime: c.datetime[row] as string,
        status: corrupt ? 'corrupt' : stale ? 'stale' : c.legacy[row] === 1 ? 'legacy' : 'ok',
        blob_count: blobs.length,
        blob_bytes: blobBytes,
        producer: producer >= 0 ? (names[producer] ?? null) : null,
        produce_ms: c.produceMs[row] ?? null,
        cost_usd: c.costUsd[row] ?? null,
        blobs,
      };
      if (stale) listedRow.stale_reasons = stale;
      if (corrupt) listedRow.corrupt_reason = corrupt;
      files.push(listedRow);
    }
  }
  for (const entry of changed.values()) if (entry) files.push(listed(prefix, entry));
  return files;
}

function listed(prefix: string, entry: IndexedEntry): ListedEntry {
  let blobBytes = 0;
  for (const blob of entry.blobs) blobBytes += blob.bytes;
  // Optional fields are assigned one by one: this runs once per entry of a large cache.
  const file: { -readonly [K in keyof ListedEntry]: ListedEntry[K] } = {
    filename: entry.file,
    path: prefix + entry.file,
    size_bytes: entry.size_bytes,
    size_mb: toMegabytes(entry.size_bytes),
    data_type: entry.data_type,
    parameters: entry.parameters,
    saved_timestamp: entry.saved_timestamp,
    saved_datetime: entry.saved_datetime,
    status: statusOf(entry),
    blob_count: entry.blobs.length,
    blob_bytes: blobBytes,
    producer: entry.producer ?? null,
    produce_ms: entry.produce_ms ?? null,
    cost_usd: entry.cost_usd ?? null,
    blobs: entry.blobs,
  };
  if (entry.stale_reasons) file.stale_reasons = entry.stale_reasons;
  if (entry.corrupt) file.corrupt_reason = entry.corrupt;
  return file;
}

/** `getCacheStats`: the seed's keys first, then what this version adds. */
export interface CacheStats {
  readonly total_files: number;
  readonly total_size_mb: number;
  readonly data_types: Record<string, { count: number; size_mb: number; size_bytes: number }>;
  readonly cache_directory: string;
  readonly cache_available: boolean;
  readonly total_size_bytes: number;
  readonly entry_size_bytes: number;
  readonly blob_count: number;
  readonly blob_size_bytes: number;
  readonly statuses: Record<EntryStatus, number>;
  readonly quarantined_files: number;
  readonly hits: number;
  readonly misses: number;
  readonly stale_reads: number;
  readonly corrupt_reads: number;
  readonly writes: number;
  readonly failed_writes: number;
  /** Hits over lookups, 0..1; null before the first lookup. */
  readonly hit_rate: number | null;
  readonly hits_by_tier: Record<string, number>;
  /** The recorded producing time of every hit: the time the cache saved. */
  readonly time_saved_ms: number;
  readonly time_saved_seconds: number;
  readonly cost_saved_usd: number;
  readonly last_activity_timestamp: number | null;
  readonly oldest_saved_timestamp: number | null;
  readonly newest_saved_timestamp: number | null;
  /** Per hour (keyed by its start, epoch ms): counts, and the time and money its hits saved. */
  readonly hourly: Record<string, HourlyActivity>;
}

export function cacheStats(context: CacheContext): CacheStats {
  const activity = context.activity.summary();
  const dataTypes: Record<string, { count: number; size_mb: number; size_bytes: number }> = {};
  const statuses: Record<EntryStatus, number> = { ok: 0, legacy: 0, stale: 0, corrupt: 0 };
  const blobSizes = new Map<string, number>();
  let entryBytes = 0;
  let count = 0;
  let oldest = Infinity;
  let newest = -Infinity;
  context.index.forEachFacts((dataType, sizeBytes, savedTimestamp, status, blobs) => {
    const type = (dataTypes[dataType] ??= { count: 0, size_mb: 0, size_bytes: 0 });
    let blobBytes = 0;
    for (const [sha256, bytes] of blobs) {
      blobBytes += bytes;
      blobSizes.set(sha256, bytes);
    }
    type.count += 1;
    type.size_bytes += sizeBytes + blobBytes;
    entryBytes += sizeBytes;
    statuses[status] += 1;
    count += 1;
    if (savedTimestamp > 0) {
      if (savedTimestamp < oldest) oldest = savedTimestamp;
      if (savedTimestamp > newest) newest = savedTimestamp;
    }
  });
  for (const type of Object.values(dataTypes)) type.size_mb = toMegabytes(type.size_bytes);
  const blobBytes = [...blobSizes.values()].reduce((sum, bytes) => sum + bytes, 0);
  const totals = { ...emptyCounts(), ...activity.totals };
  const lookups = totals.hit + totals.miss + totals.stale + totals.corrupt;
  return {
    total_files: count,
    total_size_mb: toMegabytes(entryBytes + blobBytes),
    data_types: dataTypes,
    cache_directory: context.directory,
    cache_available: isWritableDirectory(context.layout.root),
    total_size_bytes: entryBytes + blobBytes,
    entry_size_bytes: entryBytes,
    blob_count: blobSizes.size,
    blob_size_bytes: blobBytes,
    statuses,
    quarantined_files: countFiles(context.layout.quarantine),
    hits: totals.hit,
    misses: totals.miss,
    stale_reads: totals.stale,
    corrupt_reads: totals.corrupt,
    writes: totals.write,
    failed_writes: totals.write_failed,
    hit_rate: lookups === 0 ? null : Math.round((totals.hit / lookups) * 10_000) / 10_000,
    hits_by_tier: activity.hits_by_tier,
    time_saved_ms: Math.round(activity.time_saved_ms),
    time_saved_seconds: Math.round(activity.time_saved_ms / 100) / 10,
    cost_saved_usd: Math.round(activity.cost_saved_usd * 1_000_000) / 1_000_000,
    last_activity_timestamp: activity.last_event_at === null ? null : activity.last_event_at / 1000,
    oldest_saved_timestamp: count > 0 && oldest !== Infinity ? oldest : null,
    newest_saved_timestamp: count > 0 && newest !== -Infinity ? newest : null,
    hourly: activity.hourly,
  };
}

function isWritableDirectory(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

function countFiles(path: string): number {
  try {
    return readdirSync(path).length;
  } catch {
    return 0;
  }
}
