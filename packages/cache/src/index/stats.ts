import { accessSync, constants, readdirSync } from 'node:fs';
import { emptyCounts, type HourlyActivity } from '../activity/log.js';
import type { CacheContext } from '../context.js';
import { ENTRY_STATUSES, type EntryStatus } from '../entries/status.js';
import { toMegabytes } from '../options/quantities.js';
import { rowStatus } from './row-status.js';
import { shadowedRows } from './shadows.js';
import { blobRefsEnd } from './columns.js';
import { KIND_CODE } from './table.js';

/** `getCacheStats`: the seed's keys first, then what this version adds. */
export interface CacheStats {
  readonly total_files: number;
  readonly total_size_mb: number;
  readonly data_types: Record<string, { count: number; size_mb: number; size_bytes: number }>;
  readonly cache_directory: string;
  readonly cache_available: boolean;
  /** Everything the cache holds on disk: entry files (shown or shadowed), their blobs, foreign files. */
  readonly total_size_bytes: number;
  readonly entry_size_bytes: number;
  readonly blob_count: number;
  readonly blob_size_bytes: number;
  readonly statuses: Record<EntryStatus, number>;
  /** Older files holding an entry that a newer file under another name holds too (not counted in total_files). */
  readonly shadowed_files: number;
  /** Files at the top of the directory that are not entries (reported by `verify`). */
  readonly foreign_files: number;
  readonly foreign_size_bytes: number;
  readonly quarantined_files: number;
  /** Entries pinned as golden fixtures. */
  readonly pinned_entries: number;
  /** Earlier versions kept in the entries' histories, and the bytes they take (their own files). */
  readonly history_versions: number;
  readonly history_size_bytes: number;
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
  const view = context.index.view();
  const table = view.table;
  // One loop straight over the columns, as list does: see listedEntries.
  const c = table.columns;
  const dead = view.deadRows;
  const shadows = shadowedRows(view);
  const dataTypes: Record<string, { count: number; size_mb: number; size_bytes: number }> = {};
  const statuses = Object.fromEntries(ENTRY_STATUSES.map((status) => [status, 0])) as Record<EntryStatus, number>;
  // By digest id, the size its last reference gives (a blob referenced twice is counted once).
  const blobSizes = new Float64Array(table.digestCount).fill(-1);
  let blobCount = 0;
  let entryBytes = 0;
  let foreignBytes = 0;
  let foreign = 0;
  let count = 0;
  let oldest = Infinity;
  let newest = -Infinity;
  const size = table.size;
  const anyBlobs = c.blobRefCount > 0;
  for (let row = 0; row < size; row += 1) {
    if (dead.has(row)) continue;
    const sizeBytes = c.size[row] as number;
    if (c.kind[row] === KIND_CODE.foreign) {
      foreign += 1;
      foreignBytes += sizeBytes;
      continue;
    }
    entryBytes += sizeBytes;
    let blobBytes = 0;
    const blobsEnd = anyBlobs ? blobRefsEnd(c, row, size) : 0;
    for (let ref = c.blobStart[row] as number; ref < blobsEnd; ref += 1) {
      const id = c.blobRefs[ref] as number;
      const bytes = c.blobRefBytes[ref] as number;
      blobBytes += bytes;
      if (blobSizes[id] === -1) blobCount += 1;
      blobSizes[id] = bytes;
    }
    if (shadows.hidden.has(row)) continue;
    const type = (dataTypes[c.names[c.type[row] as number] ?? ''] ??= { count: 0, size_mb: 0, size_bytes: 0 });
    type.count += 1;
    type.size_bytes += sizeBytes + blobBytes;
    statuses[rowStatus(view, row)] += 1;
    count += 1;
    const saved = c.saved[row] as number;
    if (saved > 0) {
      if (saved < oldest) oldest = saved;
      if (saved > newest) newest = saved;
    }
  }
  for (const type of Object.values(dataTypes)) type.size_mb = toMegabytes(type.size_bytes);
  let blobBytes = 0;
  for (const bytes of blobSizes) if (bytes >= 0) blobBytes += bytes;
  const history = historyFootprint(context);
  const totals = { ...emptyCounts(), ...activity.totals };
  const lookups = totals.hit + totals.miss + totals.stale + totals.corrupt;
  const totalBytes = entryBytes + blobBytes + foreignBytes + history.bytes;
  return {
    total_files: count,
    total_size_mb: toMegabytes(totalBytes),
    data_types: dataTypes,
    cache_directory: context.directory,
    cache_available: isWritableDirectory(context.layout.root),
    total_size_bytes: totalBytes,
    entry_size_bytes: entryBytes,
    blob_count: blobCount,
    blob_size_bytes: blobBytes,
    statuses,
    shadowed_files: shadows.hidden.size,
    foreign_files: foreign,
    foreign_size_bytes: foreignBytes,
    quarantined_files: countFiles(context.layout.quarantine),
    pinned_entries: context.pins.all().length,
    history_versions: history.versions,
    history_size_bytes: history.bytes,
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

/** How many versions the histories keep and their bytes: a walk of `history/`, which holds only entries with a past. */
function historyFootprint(context: CacheContext): { versions: number; bytes: number } {
  let versions = 0;
  let bytes = 0;
  for (const entryFile of context.versions.entryFiles()) {
    for (const version of context.versions.list(entryFile)) {
      versions += 1;
      bytes += version.bytes;
    }
  }
  return { versions, bytes };
}
