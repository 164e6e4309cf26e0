import type { CacheContext } from '../context.js';
import { childPathPrefix } from '../files/layout.js';
import type { BlobRef } from '../entries/format.js';
import { entryMatcher, isEmptyFilter, type EntryFilter } from '../entries/filter.js';
import type { EntryStatus } from '../entries/status.js';
import { toMegabytes } from '../options/quantities.js';
import { blobRefsEnd } from './columns.js';
import { KIND_CODE, newestFirst } from './table.js';
import { markedRows, PLAIN_ROW_STATUS, rowStatus } from './row-status.js';
import { shadowedRows } from './shadows.js';
import { ListedBlobs } from './listed-blobs.js';
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
  /**
   * The blobs the entry refers to, as its file held them when listed. Built when first read (an
   * own, enumerable accessor: reading, spreading, serializing and comparing see a plain list, the
   * same one each time); `blob_count` and `blob_bytes` are there without building it.
   */
  readonly blobs: readonly BlobRef[];
}

const NO_BLOBS: readonly BlobRef[] = Object.freeze([]);

type MutableListedEntry = { -readonly [K in keyof ListedEntry]: ListedEntry[K] };

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

/**
 * The one place listed entries are built: every entry the view holds, files that another file
 * shadows left out. One loop straight over the table's columns, with no call per field: in a fresh
 * process (the CLI's case) this runs over 10,000 rows before the JIT has warmed up.
 */
function listedEntries(view: IndexView, directory: string, pinned: ReadonlySet<string>): ListedEntry[] {
  const table = view.table;
  const size = table.size;
  const c = table.columns;
  // Every column in a local, and nothing called per row that can be avoided: in a fresh process
  // this loop runs interpreted, where each property read and call is paid 10,000 times.
  const { kind, size: sizes, saved, type, producer: producers, produceMs, costUsd, edited, legacy } = c;
  const { names, country, genre, platform, blobStart, blobRefBytes, corrupt } = c;
  const { file: files, datetime } = table.rowNames();
  const marked = markedRows(view);
  const shadows = shadowedRows(view);
  // Rows replaced by the journal or shadowed by another file: usually none, then no lookup per row.
  const skipped =
    shadows.hidden.size + view.deadRows.size > 0 ? new Set([...shadows.hidden, ...view.deadRows]) : undefined;
  const shadowing = shadows.by.size > 0 ? shadows.by : undefined;
  const prefix = childPathPrefix(directory);
  const anyPinned = pinned.size > 0;
  const blobsOnRead = c.blobRefCount > 0 ? new ListedBlobs(view).descriptor : undefined;
  // A job's entries are saved one after the other, so they sit side by side in the snapshot's
  // newest-first order: a row shares the parameters of the row before when they are the same
  // (frozen, since they are shared).
  let lastCountry = NaN;
  let lastGenre = NaN;
  let lastPlatform = NaN;
  let parameters: ListedEntry['parameters'] = { country: '', genre: '', platform: '' };
  // Room for every row at once: growing an array of 10,000 copies it a dozen times.
  const listed: ListedEntry[] = new Array<ListedEntry>(size);
  let count = 0;
  for (let row = 0; row < size; row += 1) {
    if (kind[row] === KIND_CODE.foreign || skipped?.has(row)) continue;
    const file = files[row] as string;
    const bytes = sizes[row] as number;
    // The count and bytes from the columns; the blob objects only when read (`listed-blobs.ts`).
    let blobCount = 0;
    let blobBytes = 0;
    if (blobsOnRead) {
      const start = blobStart[row] as number;
      const end = blobRefsEnd(c, row, size);
      for (let ref = start; ref < end; ref += 1) blobBytes += blobRefBytes[ref] as number;
      blobCount = end - start;
    }
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
    const isMarked = marked !== undefined && marked[row] === 1;
    const producer = producers[row] as number;
    const produce = produceMs[row] as number;
    const cost = costUsd[row] as number;
    // Every field but `blobs`, which is given below, checked by the compiler.
    const entry: Omit<MutableListedEntry, 'blobs'> = {
      filename: file,
      path: prefix + file,
      // A small integer, not the double read from the column: a double in an object is a box of its own.
      size_bytes: bytes <= 0x3fffffff ? bytes | 0 : bytes,
      size_mb: toMegabytes(bytes),
      data_type: names[type[row] as number] ?? '',
      parameters,
      saved_timestamp: saved[row] as number,
      saved_datetime: datetime[row] as string,
      status: isMarked
        ? rowStatus(view, row)
        : (PLAIN_ROW_STATUS[(((edited[row] as number) & 1) << 1) | ((legacy[row] as number) & 1)] as EntryStatus),
      blob_count: blobCount,
      blob_bytes: blobBytes <= 0x3fffffff ? blobBytes | 0 : blobBytes,
      producer: producer >= 0 ? (names[producer] ?? null) : null,
      produce_ms: Number.isNaN(produce) ? null : produce,
      cost_usd: Number.isNaN(cost) ? null : cost,
      pinned: anyPinned && pinned.has(file),
    };
    if (blobsOnRead && blobCount > 0) Object.defineProperty(entry, 'blobs', blobsOnRead);
    else (entry as MutableListedEntry).blobs = NO_BLOBS;
    if (isMarked) {
      const stale = view.staleReasons(row);
      if (stale) entry.stale_reasons = stale;
      const reason = corrupt[row];
      if (reason) entry.corrupt_reason = reason;
    }
    const shadowed = shadowing?.get(row);
    if (shadowed) entry.shadowed_files = shadowed.map((hidden) => files[hidden] as string);
    listed[count++] = entry as ListedEntry;
  }
  listed.length = count;
  return listed;
}

function listedNewestFirst(a: ListedEntry, b: ListedEntry): number {
  return newestFirst(a.saved_timestamp, a.filename, b.saved_timestamp, b.filename);
}
