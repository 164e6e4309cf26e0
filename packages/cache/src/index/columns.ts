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
 * The one-byte columns: `kind` (KIND_CODE), and 1 or 0 for `legacy`, `edited` and `renamed` (the
 * file is not at its entry's seed name: a Python-era name, a collision name, a copy). A cache of
 * the Python version's files sets them on every row, so they are bytes, not JSON to parse.
 */
export const BYTE_COLUMNS = ['kind', 'legacy', 'edited', 'renamed'] as const;
/** The columns most rows leave empty, kept as objects by row in the snapshot's header. */
export const SPARSE_COLUMNS = ['stale', 'corrupt'] as const;

type FloatColumn = (typeof FLOAT_COLUMNS)[number];
type NameColumn = (typeof NAME_COLUMNS)[number];
type ByteColumn = (typeof BYTE_COLUMNS)[number];
type NumericColumn = FloatColumn | NameColumn | ByteColumn;

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
 */
export type Columns = { [K in FloatColumn]: Float64Array } & { [K in NameColumn]: Int32Array } & {
  [K in ByteColumn]: Uint8Array;
} & {
  readonly names: string[];
  readonly blobs: ([string, number, string][] | 0)[];
  readonly stale: Sparse<readonly string[]>;
  readonly corrupt: Sparse<CorruptReason>;
};

/** The table's columns as the whole-table loops read them. */
export type IndexColumns = Readonly<Columns>;

/** What the snapshot's header holds: every column that is not numeric. */
export type HeaderColumns = Pick<Columns, 'names' | 'blobs' | (typeof SPARSE_COLUMNS)[number]>;

/** The header's columns of a table, or of a header read back (`blobs` has one item per row in both). */
export function headerColumnsOf(columns: HeaderColumns): HeaderColumns {
  const { names, blobs, stale, corrupt } = columns;
  return { names, blobs, stale, corrupt };
}

export function emptyHeaderColumns(): HeaderColumns {
  return { names: [], blobs: [], stale: {}, corrupt: {} };
}

export type NumericColumns = Pick<Columns, NumericColumn>;

/** Numeric columns with room for `capacity` rows. */
export function numericColumns(capacity: number): NumericColumns {
  const floats = Object.fromEntries(FLOAT_COLUMNS.map((name) => [name, new Float64Array(capacity)]));
  const ids = Object.fromEntries(NAME_COLUMNS.map((name) => [name, new Int32Array(capacity)]));
  const bytes = Object.fromEntries(BYTE_COLUMNS.map((name) => [name, new Uint8Array(capacity)]));
  return { ...floats, ...ids, ...bytes } as NumericColumns;
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
  for (const name of NAME_COLUMNS) columns[name] = grow(columns[name], Int32Array);
  for (const name of BYTE_COLUMNS) columns[name] = grow(columns[name], Uint8Array);
}

/** The header's dense column has one item per row, and the sparse ones are objects. */
export function wellFormedHeader(header: HeaderColumns, rows: number): boolean {
  if (!Array.isArray(header.names) || !Array.isArray(header.blobs) || header.blobs.length !== rows) return false;
  return SPARSE_COLUMNS.every((name) => {
    const sparse: unknown = header[name];
    return typeof sparse === 'object' && sparse !== null && !Array.isArray(sparse);
  });
}
