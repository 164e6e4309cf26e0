import type { CorruptReason } from '../errors.js';

/**
 * A column that most rows leave empty, by row: an empty one costs nothing to parse, where an array
 * of 10,000 nulls was a fifth of the snapshot.
 */
type Sparse<T> = Record<number, T>;

/**
 * The index as a table stored by column: one array per field (or, for a field most rows leave
 * empty, an object by row), low-variety strings (data types, countries, genres, platforms,
 * producers) as numbers into a table of names. Parsing 10,000 rows that way is several times faster
 * and makes far less garbage than one object per row, and `stats` totals the columns without
 * building an object at all. The snapshot on disk is this table; the journal's records are appended
 * to it in memory, so every reader walks one kind of row.
 */
export interface Columns {
  readonly format: typeof COLUMNS_FORMAT;
  /** The SHA-256 of the rest of the snapshot (the row details), checked before the table is used. */
  readonly details_sha256: string;
  readonly names: string[];
  /** Absent for an entry; KIND_CODE otherwise. */
  readonly kind: Sparse<number>;
  readonly size: number[];
  readonly type: number[];
  readonly country: number[];
  readonly genre: number[];
  readonly platform: number[];
  readonly saved: number[];
  readonly blobs: ([string, number, string][] | 0)[];
  readonly legacy: Sparse<1>;
  readonly edited: Sparse<1>;
  readonly producer: number[];
  readonly produceMs: (number | null)[];
  readonly costUsd: (number | null)[];
  readonly stale: Sparse<readonly string[]>;
  readonly corrupt: Sparse<CorruptReason>;
  readonly primary: Sparse<string>;
  readonly upstream: Sparse<string[]>;
}

const SPARSE_COLUMNS = ['kind', 'legacy', 'edited', 'stale', 'corrupt', 'primary', 'upstream'] as const;

/** The table's columns as the whole-table loops read them; `names` holds the strings the numeric columns point at. */
export type IndexColumns = {
  readonly [K in keyof Columns]: Columns[K] extends (infer T)[] ? readonly T[] : Readonly<Columns[K]>;
};

/** The snapshot's format: an older one is read as empty, and the files are indexed again. */
export const COLUMNS_FORMAT = 9;

export function emptyColumns(): Columns {
  return {
    format: COLUMNS_FORMAT,
    details_sha256: '',
    names: [],
    kind: {},
    size: [],
    type: [],
    country: [],
    genre: [],
    platform: [],
    saved: [],
    blobs: [],
    legacy: {},
    edited: {},
    producer: [],
    produceMs: [],
    costUsd: [],
    stale: {},
    corrupt: {},
    primary: {},
    upstream: {},
  };
}

/** The dense columns are arrays of one length, the sparse ones objects. */
export function wellFormedColumns(columns: Columns): boolean {
  if (!Array.isArray(columns.size) || !Array.isArray(columns.names)) return false;
  const rows = columns.size.length;
  for (const dense of [columns.type, columns.country, columns.genre, columns.platform, columns.saved, columns.blobs]) {
    if (!Array.isArray(dense) || dense.length !== rows) return false;
  }
  for (const dense of [columns.producer, columns.produceMs, columns.costUsd]) {
    if (!Array.isArray(dense) || dense.length !== rows) return false;
  }
  return SPARSE_COLUMNS.every((name) => {
    const sparse: unknown = columns[name];
    return typeof sparse === 'object' && sparse !== null && !Array.isArray(sparse);
  });
}
