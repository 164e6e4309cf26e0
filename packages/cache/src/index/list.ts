import type { CacheContext } from '../context.js';
import { childPathPrefix } from '../files/layout.js';
import { blobRefsEnd } from './columns.js';
import type { BlobRef } from '../entries/format.js';
import { entryMatcher, isEmptyFilter, type EntryFilter } from '../entries/filter.js';
import { entryStatus, type EntryStatus } from '../entries/status.js';
import { toMegabytes } from '../options/quantities.js';
import { KIND_CODE, newestFirst } from './table.js';
import { shadowedRows } from './shadows.js';
import type { IndexView } from './view.js';

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
  /** Older files holding the same entry under another name (the Python version's, say), not shown. */
  readonly shadowed_files?: readonly string[];
  /** A golden fixture: no run, refresh, clear or prune replaces or removes it. */
  readonly pinned: boolean;
  readonly blobs: readonly BlobRef[];
}

/**
 * `entryStatus` of every combination of the four facts, by `corrupt << 3 | edited << 2 | stale << 1 |
 * legacy`: a row's status is a lookup, with no object built per row (a cache of the Python
 * version's files has `legacy` on every row).
 */
const STATUS_BY_FACTS: readonly EntryStatus[] = Array.from({ length: 16 }, (_, facts) =>
  entryStatus({
    corrupt: (facts & 8) !== 0,
    edited: (facts & 4) !== 0,
    stale: (facts & 2) !== 0,
    legacy: (facts & 1) !== 0,
  }),
);

const NO_BLOBS: readonly BlobRef[] = Object.freeze([]);

export interface ListResult {
  readonly files: ListedEntry[];
  readonly total_count: number;
  readonly total_size_mb: number;
}

export function listEntries(context: CacheContext, filter: EntryFilter = {}): ListResult {
  const view = context.index.view();
  const pinned = new Set(context.pins.all().map((pin) => pin.file));
  const all = listedEntries(view, context.directory, pinned);
  const matches = entryMatcher(filter, context.now());
  const files = isEmptyFilter(filter) ? all : all.filter((file) => matches(file, file.filename, file.status));
  // The snapshot is kept in this order already; only entries written since need sorting in.
  if (!view.table.inOrder) files.sort(listedNewestFirst);
  const bytes = files.reduce((sum, file) => sum + file.size_bytes, 0);
  return { files, total_count: files.length, total_size_mb: toMegabytes(bytes) };
}

/** A row's status: the one place a listed row's status comes from (`stale`, when the caller has it already). */
export function rowStatus(view: IndexView, row: number, stale = view.staleReasons(row)): EntryStatus {
  const c = view.table.columns;
  const facts =
    (c.corrupt[row] !== undefined ? 8 : 0) |
    (c.edited[row] === 1 ? 4 : 0) |
    (stale !== undefined ? 2 : 0) |
    (c.legacy[row] === 1 ? 1 : 0);
  return STATUS_BY_FACTS[facts] as EntryStatus;
}

/**
 * The one place listed entries are built: every entry the view holds, files that another file
 * shadows left out. One loop straight over the table's columns, with no call per field: in a fresh
 * process (the CLI's case) this runs over 10,000 rows before the JIT has warmed up.
 */
function listedEntries(view: IndexView, directory: string, pinned: ReadonlySet<string>): ListedEntry[] {
  const table = view.table;
  const c = table.columns;
  const { file: files, datetime } = table.rowNames();
  const names = c.names;
  const shadows = shadowedRows(view);
  // Rows replaced by the journal or shadowed by another file: usually none, then no lookup per row.
  const skipped =
    shadows.hidden.size + view.deadRows.size > 0 ? new Set([...shadows.hidden, ...view.deadRows]) : undefined;
  const shadowing = shadows.by.size > 0 ? shadows.by : undefined;
  const prefix = childPathPrefix(directory);
  const anyPinned = pinned.size > 0;
  const parameters = sharedParameters(c);
  // Room for every row at once: growing an array of 10,000 copies it a dozen times.
  const listed: ListedEntry[] = new Array<ListedEntry>(table.size);
  let count = 0;
  const size = table.size;
  const anyBlobs = c.blobRefs.length > 0;
  for (let row = 0; row < size; row += 1) {
    if (c.kind[row] === KIND_CODE.foreign || skipped?.has(row)) continue;
    const file = files[row] as string;
    // A small integer, not a double read from the column: a double in an object is a box of its own.
    const bytes = toSmallInteger(c.size[row] as number);
    // Many caches have no blobs at all: then nothing to call or iterate for any row.
    const firstBlob = c.blobStart[row] as number;
    const blobsEnd = anyBlobs ? blobRefsEnd(c, row, size) : firstBlob;
    const blobs = firstBlob === blobsEnd ? NO_BLOBS : table.blobs(row);
    let blobBytes = 0;
    for (let ref = firstBlob; ref < blobsEnd; ref += 1) blobBytes += c.blobRefBytes[ref] as number;
    const stale = view.staleReasons(row);
    const corrupt = c.corrupt[row];
    const producer = c.producer[row] as number;
    const produceMs = c.produceMs[row] as number;
    const costUsd = c.costUsd[row] as number;
    const entry: { -readonly [K in keyof ListedEntry]: ListedEntry[K] } = {
      filename: file,
      path: prefix + file,
      size_bytes: bytes,
      size_mb: toMegabytes(bytes),
      data_type: names[c.type[row] as number] ?? '',
      parameters: parameters(row),
      saved_timestamp: c.saved[row] as number,
      saved_datetime: datetime[row] as string,
      status: rowStatus(view, row, stale),
      blob_count: blobs.length,
      blob_bytes: blobBytes,
      producer: producer >= 0 ? (names[producer] ?? null) : null,
      produce_ms: Number.isNaN(produceMs) ? null : produceMs,
      cost_usd: Number.isNaN(costUsd) ? null : costUsd,
      pinned: anyPinned && pinned.has(file),
      blobs,
    };
    if (stale) entry.stale_reasons = stale;
    if (corrupt) entry.corrupt_reason = corrupt;
    const shadowed = shadowing?.get(row);
    if (shadowed) entry.shadowed_files = shadowed.map((hidden) => files[hidden] as string);
    listed[count++] = entry;
  }
  listed.length = count;
  return listed;
}

/**
 * Each row's parameters, shared with the row before when they are the same: a job's entries are
 * saved one after the other, so they sit side by side in the snapshot's newest-first order and
 * share one object (frozen, since it is shared). A lookup table would cost more than it saves when
 * few rows share.
 */
function sharedParameters(c: IndexView['table']['columns']): (row: number) => ListedEntry['parameters'] {
  const { names, country, genre, platform } = c;
  // Plain numbers, not a record per row: this runs 10,000 times before the JIT has warmed up.
  let lastCountry = NaN;
  let lastGenre = NaN;
  let lastPlatform = NaN;
  let parameters: ListedEntry['parameters'] = { country: '', genre: '', platform: '' };
  return (row) => {
    const countryId = country[row] as number;
    const genreId = genre[row] as number;
    const platformId = platform[row] as number;
    if (countryId !== lastCountry || genreId !== lastGenre || platformId !== lastPlatform) {
      parameters = Object.freeze({
        country: names[countryId] ?? '',
        genre: names[genreId] ?? '',
        platform: names[platformId] ?? '',
      });
      lastCountry = countryId;
      lastGenre = genreId;
      lastPlatform = platformId;
    }
    return parameters;
  };
}

function listedNewestFirst(a: ListedEntry, b: ListedEntry): number {
  return newestFirst(a.saved_timestamp, a.filename, b.saved_timestamp, b.filename);
}

/** `value` (a whole number) as V8 stores small integers in place; larger ones as they are. */
function toSmallInteger(value: number): number {
  return value <= 0x3fffffff ? value | 0 : value;
}
