import type { BlobRef } from '../entries/format.js';
import type { CorruptReason } from '../errors.js';
import { statusOf, type EntryStatus, type IndexedEntry } from './indexed-entry.js';

/**
 * The index snapshot, stored by column: one array per field, low-variety strings (data types,
 * countries, genres, platforms, producers) as numbers into a table of names. Parsing 10,000 entries
 * that way is several times faster and makes far less garbage than one object per entry, and
 * `stats` can total the columns without building an entry object at all.
 */
export interface Columns {
  readonly format: 3;
  readonly names: string[];
  readonly file: string[];
  readonly type: number[];
  readonly country: number[];
  readonly genre: number[];
  readonly platform: number[];
  readonly saved: number[];
  readonly datetime: string[];
  readonly size: number[];
  readonly blobs: ([string, number, string][] | 0)[];
  readonly legacy: (0 | 1)[];
  readonly producer: number[];
  readonly produceMs: (number | null)[];
  readonly costUsd: (number | null)[];
  readonly stale: (readonly string[] | null)[];
  readonly corrupt: (CorruptReason | null)[];
}

const NO_BLOBS: readonly BlobRef[] = Object.freeze([]);
const NO_NAME = -1;

export function encodeSnapshot(entries: Iterable<IndexedEntry>): string {
  const names: string[] = [];
  const ids = new Map<string, number>();
  const name = (value: string | undefined) => {
    if (value === undefined) return NO_NAME;
    let id = ids.get(value);
    if (id === undefined) {
      id = names.push(value) - 1;
      ids.set(value, id);
    }
    return id;
  };
  const columns: Columns = {
    format: 3,
    names,
    file: [],
    type: [],
    country: [],
    genre: [],
    platform: [],
    saved: [],
    datetime: [],
    size: [],
    blobs: [],
    legacy: [],
    producer: [],
    produceMs: [],
    costUsd: [],
    stale: [],
    corrupt: [],
  };
  // Newest first, as `list` shows them: its sort then only merges the few entries written since.
  const ordered = [...entries].sort(
    (a, b) => b.saved_timestamp - a.saved_timestamp || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0),
  );
  for (const entry of ordered) {
    columns.file.push(entry.file);
    columns.type.push(name(entry.data_type));
    columns.country.push(name(entry.parameters.country));
    columns.genre.push(name(entry.parameters.genre));
    columns.platform.push(name(entry.parameters.platform));
    columns.saved.push(entry.saved_timestamp);
    columns.datetime.push(entry.saved_datetime);
    columns.size.push(entry.size_bytes);
    columns.blobs.push(
      entry.blobs.length > 0 ? entry.blobs.map((blob) => [blob.sha256, blob.bytes, blob.media_type]) : 0,
    );
    columns.legacy.push(entry.legacy ? 1 : 0);
    columns.producer.push(name(entry.producer));
    columns.produceMs.push(entry.produce_ms ?? null);
    columns.costUsd.push(entry.cost_usd ?? null);
    columns.stale.push(entry.stale_reasons ?? null);
    columns.corrupt.push(entry.corrupt ?? null);
  }
  return JSON.stringify(columns);
}

/**
 * What `stats` totals, called once per entry with plain values, so that totalling a large cache
 * builds no object per entry. `blobs` holds `[sha256, bytes, …]` tuples.
 */
export type FactsVisitor = (
  dataType: string,
  sizeBytes: number,
  savedTimestamp: number,
  status: EntryStatus,
  blobs: readonly (readonly [string, number, ...unknown[]])[],
) => void;

const NO_BLOB_TUPLES: readonly [string, number][] = Object.freeze([]);

export class SnapshotTable {
  private constructor(private readonly columns: Columns | undefined) {}

  static empty(): SnapshotTable {
    return new SnapshotTable(undefined);
  }

  /** A missing, damaged or older snapshot reads as empty: the files are read again and re-indexed. */
  static decode(text: string | undefined): SnapshotTable {
    if (text === undefined) return SnapshotTable.empty();
    try {
      const columns = JSON.parse(text) as Columns;
      return new SnapshotTable(columns.format === 3 && Array.isArray(columns.file) ? columns : undefined);
    } catch {
      return SnapshotTable.empty();
    }
  }

  /** The raw columns, for a reader that walks the rows itself (a listing of a large cache). */
  get rows(): Readonly<Columns> | undefined {
    return this.columns;
  }

  get size(): number {
    return this.columns?.file.length ?? 0;
  }

  fileAt(row: number): string {
    return (this.columns as Columns).file[row] as string;
  }

  entryAt(row: number): IndexedEntry {
    const c = this.columns as Columns;
    const names = c.names;
    // Optional fields are assigned one by one: this runs once per entry of a large cache.
    const entry: { -readonly [K in keyof IndexedEntry]: IndexedEntry[K] } = {
      file: c.file[row] as string,
      data_type: names[c.type[row] as number] ?? '',
      parameters: rowParameters(c, row),
      saved_timestamp: c.saved[row] as number,
      saved_datetime: c.datetime[row] as string,
      size_bytes: c.size[row] as number,
      blobs: rowBlobs(c, row),
      legacy: c.legacy[row] === 1,
    };
    const producer = c.producer[row];
    if (producer !== undefined && producer !== NO_NAME) entry.producer = names[producer] as string;
    const produceMs = c.produceMs[row];
    if (produceMs !== null && produceMs !== undefined) entry.produce_ms = produceMs;
    const costUsd = c.costUsd[row];
    if (costUsd !== null && costUsd !== undefined) entry.cost_usd = costUsd;
    const stale = c.stale[row];
    if (stale) entry.stale_reasons = stale;
    const corrupt = c.corrupt[row];
    if (corrupt) entry.corrupt = corrupt;
    return entry;
  }

  visitFacts(row: number, visit: FactsVisitor, stale: boolean): void {
    const c = this.columns as Columns;
    const status: EntryStatus = c.corrupt[row]
      ? 'corrupt'
      : stale || c.stale[row]
        ? 'stale'
        : c.legacy[row] === 1
          ? 'legacy'
          : 'ok';
    visit(
      c.names[c.type[row] as number] ?? '',
      c.size[row] as number,
      c.saved[row] as number,
      status,
      c.blobs[row] || NO_BLOB_TUPLES,
    );
  }
}

/** A row's parameters, a fresh object (the caller may keep it). */
export function rowParameters(c: Readonly<Columns>, row: number): IndexedEntry['parameters'] {
  const names = c.names;
  return {
    country: names[c.country[row] as number] ?? '',
    genre: names[c.genre[row] as number] ?? '',
    platform: names[c.platform[row] as number] ?? '',
  };
}

/** A row's blobs; rows without any share one frozen empty list. */
export function rowBlobs(c: Readonly<Columns>, row: number): readonly BlobRef[] {
  const tuples = c.blobs[row];
  return tuples ? tuples.map(([sha256, bytes, media_type]) => ({ sha256, bytes, media_type })) : NO_BLOBS;
}

export function visitEntryFacts(entry: IndexedEntry, visit: FactsVisitor): void {
  const blobs =
    entry.blobs.length === 0 ? NO_BLOB_TUPLES : entry.blobs.map((blob) => [blob.sha256, blob.bytes] as const);
  visit(entry.data_type, entry.size_bytes, entry.saved_timestamp, statusOf(entry), blobs);
}
