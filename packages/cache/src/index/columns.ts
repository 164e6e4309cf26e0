import type { CorruptReason } from '../errors.js';

/**
 * A column that most rows leave empty, by row: an empty one costs nothing to parse, where an array
 * of 10,000 nulls was a fifth of the snapshot.
 */
export type Sparse<T> = Record<number, T>;

/** The numeric columns held as 64-bit floats: sizes and times, and the identities' inode and mtime. */
export const FLOAT_COLUMNS = ['saved', 'size', 'produceMs', 'costUsd', 'ino', 'mtime'] as const;
/** The numeric columns holding an index into `names` (or NO_NAME). */
export const NAME_COLUMNS = ['type', 'country', 'genre', 'platform', 'producer'] as const;
/**
 * The 32-bit columns: the name ids, where each row's blob references start in `blobRefs`, and the
 * hash of the row's entry (`EntryHasher`), by which files holding one entry are found.
 */
export const INT_COLUMNS = [...NAME_COLUMNS, 'blobStart', 'entryHash'] as const;
/**
 * The one-byte columns: `kind` (KIND_CODE), and 1 or 0 for `legacy`, `edited` and `renamed` (the
 * file is not at its entry's seed name: a Python-era name, a collision name, a copy). A cache of
 * the Python version's files sets them on every row, so they are bytes, not JSON to parse.
 */
export const BYTE_COLUMNS = ['kind', 'legacy', 'edited', 'renamed'] as const;
/**
 * The blob reference columns, one value per reference rather than per row: its size (64-bit, as
 * a blob may pass 4 GiB), the id of its digest (`BlobDigests`) and the name id of its media type.
 */
export const BLOB_REF_FLOAT_COLUMNS = ['blobRefBytes'] as const;
export const BLOB_REF_INT_COLUMNS = ['blobRefs', 'blobRefTypes'] as const;
/** The columns most rows leave empty, kept as objects by row in the snapshot's header. */
export const SPARSE_COLUMNS = ['stale', 'corrupt'] as const;

type FloatColumn = (typeof FLOAT_COLUMNS)[number];
type IntColumn = (typeof INT_COLUMNS)[number];
type ByteColumn = (typeof BYTE_COLUMNS)[number];
type NumericColumn = FloatColumn | IntColumn | ByteColumn;
type BlobRefColumn = (typeof BLOB_REF_FLOAT_COLUMNS)[number] | (typeof BLOB_REF_INT_COLUMNS)[number];

/** How many characters a blob's digest takes in the snapshot's text of digests (SHA-256 in hex, as entries hold it). */
export const DIGEST_LENGTH = 64;

/** A name column's value for a row without that name. */
export const NO_NAME = -1;
/** The identity columns' value for a row whose file identity is not known (the file is then read again). */
export const NO_IDENTITY = -1;

/**
 * The index as a table stored by column. The numeric fields are typed arrays, which the snapshot
 * holds as raw bytes: reading them is a view on the file's buffer, with nothing to parse and no
 * array of 10,000 numbers to allocate. Low-variety strings (data types, countries, genres,
 * platforms, producers) are numbers into `names`. `produceMs` and `costUsd` hold NaN where a row
 * has none. The arrays may be longer than the table (room for the rows the journal adds): the
 * table's row count is the length that counts.
 *
 * Blobs are a table of their own: each distinct digest once (`BlobDigests`, by id), and each
 * row's references as a run of the flat `blobRefs` (digest ids), `blobRefBytes` and `blobRefTypes`
 * (media type name ids) from `blobStart[row]` to the next row's start; `blobRefCount` of them are
 * used (the arrays, like the rows', may hold room for more). A pipeline's entries hold blobs on
 * most rows: as an array of `[digest, bytes, type]` per reference they were most of the snapshot,
 * and as JSON arrays of numbers the part of the header a listing spent most on, in parsing and in
 * the young-generation collections that copied them. `stats` totals them by id without a string.
 */
export type Columns = { [K in FloatColumn]: Float64Array } & { [K in IntColumn]: Int32Array } & {
  [K in ByteColumn]: Uint8Array;
} & { blobRefBytes: Float64Array; blobRefs: Int32Array; blobRefTypes: Int32Array } & {
  readonly names: string[];
  blobRefCount: number;
  readonly stale: Sparse<readonly string[]>;
  readonly corrupt: Sparse<CorruptReason>;
};

/** The table's columns as the whole-table loops read them. */
export type IndexColumns = Readonly<Columns>;

/** What the snapshot's header holds: every column that is not numeric, and how many blob references there are. */
export type HeaderColumns = Pick<Columns, 'names' | 'blobRefCount' | (typeof SPARSE_COLUMNS)[number]>;

/** The header's columns of a table, or of a header read back. */
export function headerColumnsOf(columns: HeaderColumns): HeaderColumns {
  const { names, blobRefCount, stale, corrupt } = columns;
  return { names, blobRefCount, stale, corrupt };
}

export function emptyHeaderColumns(): HeaderColumns {
  return { names: [], blobRefCount: 0, stale: {}, corrupt: {} };
}

/** Where a row's blob references end in `blobRefs`: the next row's start, or the end for the last row. */
export function blobRefsEnd(columns: IndexColumns, row: number, rows: number): number {
  return row + 1 < rows ? (columns.blobStart[row + 1] as number) : columns.blobRefCount;
}

export type NumericColumns = Pick<Columns, NumericColumn>;
export type BlobRefColumns = Pick<Columns, BlobRefColumn>;

/** Numeric columns with room for `capacity` rows. */
export function numericColumns(capacity: number): NumericColumns {
  const floats = Object.fromEntries(FLOAT_COLUMNS.map((name) => [name, new Float64Array(capacity)]));
  const ids = Object.fromEntries(INT_COLUMNS.map((name) => [name, new Int32Array(capacity)]));
  const bytes = Object.fromEntries(BYTE_COLUMNS.map((name) => [name, new Uint8Array(capacity)]));
  return { ...floats, ...ids, ...bytes } as NumericColumns;
}

/** Blob reference columns with room for `capacity` references. */
export function blobRefColumns(capacity: number): BlobRefColumns {
  return {
    blobRefBytes: new Float64Array(capacity),
    blobRefs: new Int32Array(capacity),
    blobRefTypes: new Int32Array(capacity),
  };
}

/** Make room for at least `rows` rows, keeping the first `kept`; doubles the room so appends stay cheap. */
export function ensureRows(columns: Columns, kept: number, rows: number): void {
  if (columns.size.length >= rows) return;
  const capacity = Math.max(rows, columns.size.length * 2, 16);
  const grow = <T extends Float64Array | Int32Array | Uint8Array>(column: T, Type: new (length: number) => T): T => {
    const grown = new Type(capacity);
    grown.set(column.subarray(0, kept));
    return grown;
  };
  for (const name of FLOAT_COLUMNS) columns[name] = grow(columns[name], Float64Array);
  for (const name of INT_COLUMNS) columns[name] = grow(columns[name], Int32Array);
  for (const name of BYTE_COLUMNS) columns[name] = grow(columns[name], Uint8Array);
}

/** Make room for at least `refs` blob references, keeping those in use; doubles the room as `ensureRows` does. */
export function ensureBlobRefs(columns: Columns, refs: number): void {
  if (columns.blobRefs.length >= refs) return;
  const grown = blobRefColumns(Math.max(refs, columns.blobRefs.length * 2, 16));
  const kept = columns.blobRefCount;
  grown.blobRefBytes.set(columns.blobRefBytes.subarray(0, kept));
  grown.blobRefs.set(columns.blobRefs.subarray(0, kept));
  grown.blobRefTypes.set(columns.blobRefTypes.subarray(0, kept));
  Object.assign(columns, grown);
}

/** The header's columns have the right shapes: a count of references, the sparse columns objects. */
export function wellFormedHeader(header: HeaderColumns): boolean {
  const { names, blobRefCount } = header;
  if (!Array.isArray(names) || !Number.isSafeInteger(blobRefCount) || blobRefCount < 0) return false;
  return SPARSE_COLUMNS.every((name) => {
    const sparse: unknown = header[name];
    return typeof sparse === 'object' && sparse !== null && !Array.isArray(sparse);
  });
}

/** Each row's blob references run forward through `blobRefs`, and each names one of `digests` digests. */
export function wellFormedBlobs(columns: IndexColumns, rows: number, digests: number): boolean {
  const { blobStart, blobRefs, blobRefCount } = columns;
  // Without references no row's run can reach outside them (readers stop at the end), however its start reads.
  if (blobRefCount === 0) return true;
  let previous = 0;
  for (let row = 0; row < rows; row += 1) {
    const start = blobStart[row] as number;
    if (start < previous || start > blobRefCount || (row === 0 && start !== 0)) return false;
    previous = start;
  }
  // A loop, not `every`: a callback per reference is paid 20,000 times in a fresh process.
  for (let ref = 0; ref < blobRefCount; ref += 1) {
    const id = blobRefs[ref] as number;
    if (id < 0 || id >= digests) return false;
  }
  return true;
}
