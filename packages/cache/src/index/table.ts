import type { BlobRef } from '../entries/format.js';
import { sameIdentity, type FileIdentity } from '../files/identity.js';
import {
  blobRefColumns,
  blobRefsEnd,
  emptyHeaderColumns,
  ensureBlobRefs,
  ensureRows,
  NO_IDENTITY,
  NO_NAME,
  numericColumns,
  type Columns,
  type IndexColumns,
} from './columns.js';
import type { IndexedEntry, RecordKind } from './record.js';
import { RowDetails } from './row-details.js';
import { RowNames, type RowNameColumns } from './row-names.js';
import { decodeSnapshot, encodeSnapshot } from './snapshot.js';
import { EntryHasher, repeatedValues } from './entry-hash.js';
import { BlobDigests } from './blob-digests.js';

const KINDS: readonly RecordKind[] = ['entry', 'corrupt', 'foreign'];
/** What the `kind` column holds for each kind of record. */
export const KIND_CODE: Readonly<Record<RecordKind, number>> = { entry: 0, corrupt: 1, foreign: 2 };
const NO_BLOBS: readonly BlobRef[] = Object.freeze([]);

/**
 * The index's rows: the columns of `columns.ts`, with the rows' names and details beside them
 * (each parsed on first use), and a row appended for each journal record.
 */
export class IndexTable {
  private ids: Map<string, number> | undefined;
  private hasher: EntryHasher | undefined;

  /** How many rows came from the snapshot, which holds them in `newestFirst` order. */
  readonly snapshotRows: number;

  private constructor(
    private readonly c: Columns,
    private rows: number,
    private readonly names: RowNames,
    private readonly details: RowDetails,
    private readonly digests: BlobDigests,
    /** No two entry rows of the snapshot share an `entryHash`. */
    readonly snapshotHashesDistinct: boolean,
  ) {
    this.snapshotRows = rows;
  }

  static empty(): IndexTable {
    return new IndexTable(
      { ...numericColumns(0), ...blobRefColumns(0), ...emptyHeaderColumns() },
      0,
      new RowNames(undefined, 0),
      new RowDetails(undefined),
      new BlobDigests(undefined, 0),
      true,
    );
  }

  /** The snapshot's table (`snapshot.ts`); a missing, damaged or older snapshot reads as empty, and the files are read again. */
  static decode(bytes: Buffer | undefined): IndexTable {
    const snapshot = bytes && decodeSnapshot(bytes);
    if (!snapshot) return IndexTable.empty();
    return new IndexTable(
      snapshot.columns,
      snapshot.rows,
      new RowNames(snapshot.names, snapshot.rows),
      new RowDetails(snapshot.details),
      new BlobDigests(snapshot.digests, snapshot.digestCount),
      snapshot.entryHashesDistinct,
    );
  }

  /** Newest first, as `list` shows them: its sort then only merges the few rows appended since. */
  static encode(entries: Iterable<IndexedEntry>): Buffer {
    const table = IndexTable.empty();
    const ordered = [...entries].sort((a, b) => newestFirst(a.saved_timestamp, a.file, b.saved_timestamp, b.file));
    for (const entry of ordered) table.append(entry);
    const { kind, entryHash } = table.c;
    const entryHashes = entryHash.filter((_, row) => row < table.rows && kind[row] === KIND_CODE.entry);
    return encodeSnapshot(
      table.c,
      table.rows,
      table.digests.text(),
      table.names.all(),
      table.details.all(),
      repeatedValues(entryHashes).size === 0,
    );
  }

  get size(): number {
    return this.rows;
  }

  /** True while every row is in `newestFirst` order: none has been appended since the snapshot was read. */
  get inOrder(): boolean {
    return this.rows === this.snapshotRows;
  }

  /** Each row's file name and saved date (parsed now if they were not yet): for loops over every row. */
  rowNames(): RowNameColumns {
    return this.names.all();
  }

  /**
   * The columns themselves, for the loops that visit every row of a large cache (list, stats). On
   * a cold start a method call per field per row cost more than reading and parsing the snapshot.
   * The numeric ones may be longer than the table: loop up to `size`.
   */
  get columns(): IndexColumns {
    return this.c;
  }

  append(entry: IndexedEntry): void {
    const row = this.rows;
    ensureRows(this.c, row, row + 1);
    this.rows += 1;
    const c = this.c;
    const name = (value: string | undefined) => (value === undefined ? NO_NAME : this.nameId(value));
    c.kind[row] = KIND_CODE[entry.kind];
    c.size[row] = entry.size_bytes;
    this.names.push(entry.file, entry.saved_datetime);
    c.ino[row] = entry.identity?.ino ?? NO_IDENTITY;
    c.mtime[row] = entry.identity?.mtimeMs ?? NO_IDENTITY;
    c.type[row] = name(entry.data_type);
    c.country[row] = name(entry.parameters.country);
    c.genre[row] = name(entry.parameters.genre);
    c.platform[row] = name(entry.parameters.platform);
    c.entryHash[row] = (this.hasher ??= new EntryHasher()).hash(entry.data_type, entry.parameters);
    c.saved[row] = entry.saved_timestamp;
    c.blobStart[row] = c.blobRefCount;
    ensureBlobRefs(c, c.blobRefCount + entry.blobs.length);
    for (const blob of entry.blobs) {
      const ref = c.blobRefCount++;
      c.blobRefs[ref] = this.digests.idOf(blob.sha256);
      c.blobRefBytes[ref] = blob.bytes;
      c.blobRefTypes[ref] = this.nameId(blob.media_type);
    }
    c.legacy[row] = entry.legacy ? 1 : 0;
    c.edited[row] = entry.edited ? 1 : 0;
    c.renamed[row] = entry.primary ? 1 : 0;
    c.producer[row] = name(entry.producer);
    c.produceMs[row] = entry.produce_ms ?? NaN;
    c.costUsd[row] = entry.cost_usd ?? NaN;
    if (entry.stale_reasons) c.stale[row] = entry.stale_reasons;
    if (entry.corrupt) c.corrupt[row] = entry.corrupt;
    this.details.set(row, entry.primary, entry.upstream);
  }

  file(row: number): string {
    return this.names.all().file[row] as string;
  }

  kind(row: number): RecordKind {
    return KINDS[this.c.kind[row] as number] ?? 'foreign';
  }

  savedTimestamp(row: number): number {
    return this.c.saved[row] as number;
  }

  dataType(row: number): string {
    return this.c.names[this.c.type[row] as number] ?? '';
  }

  /** A row's parameters, a fresh object (the caller may keep it). */
  parameters(row: number): IndexedEntry['parameters'] {
    const { names, country, genre, platform } = this.c;
    return {
      country: names[country[row] as number] ?? '',
      genre: names[genre[row] as number] ?? '',
      platform: names[platform[row] as number] ?? '',
    };
  }

  /** A row's blobs; rows without any share one frozen empty list. */
  blobs(row: number): readonly BlobRef[] {
    const { blobStart, blobRefs, blobRefBytes, blobRefTypes, names } = this.c;
    const start = blobStart[row] as number;
    const end = blobRefsEnd(this.c, row, this.rows);
    if (start >= end) return NO_BLOBS;
    const blobs = new Array<BlobRef>(end - start);
    for (let ref = start; ref < end; ref += 1) {
      const bytes = blobRefBytes[ref] as number;
      blobs[ref - start] = {
        sha256: this.digests.digest(blobRefs[ref] as number),
        // A small integer where it fits, not the double read from the column (a box of its own).
        bytes: bytes <= 0x3fffffff ? bytes | 0 : bytes,
        media_type: names[blobRefTypes[ref] as number] ?? '',
      };
    }
    return blobs;
  }

  /** The digests of a row's blobs, without building objects. */
  blobDigestsOf(row: number): string[] {
    const c = this.c;
    const digests: string[] = [];
    for (let ref = c.blobStart[row] as number, end = blobRefsEnd(c, row, this.rows); ref < end; ref += 1) {
      digests.push(this.digests.digest(c.blobRefs[ref] as number));
    }
    return digests;
  }

  /** How many distinct digests the blob table holds: ids run from 0 below this. */
  get digestCount(): number {
    return this.digests.count;
  }

  /** The reasons recorded in the snapshot (the view adds the journal's). */
  staleReasons(row: number): readonly string[] | undefined {
    return this.c.stale[row] ?? undefined;
  }

  /** The seed name of a row whose file has another name. */
  primary(row: number): string | undefined {
    return this.c.renamed[row] === 1 ? this.details.all().primary[row] : undefined;
  }

  /** The whole record of a row. */
  entry(row: number): IndexedEntry {
    const c = this.c;
    const names = c.names;
    const size = c.size[row] as number;
    // Optional fields are assigned one by one: this can run once per row of a large cache.
    const entry: { -readonly [K in keyof IndexedEntry]: IndexedEntry[K] } = {
      file: this.file(row),
      kind: this.kind(row),
      identity: this.identity(row, size),
      data_type: names[c.type[row] as number] ?? '',
      parameters: this.parameters(row),
      saved_timestamp: c.saved[row] as number,
      saved_datetime: this.datetime(row),
      size_bytes: size,
      blobs: this.blobs(row),
      legacy: c.legacy[row] === 1,
      edited: c.edited[row] === 1,
    };
    const producer = c.producer[row] as number;
    if (producer !== NO_NAME) entry.producer = names[producer] as string;
    const produceMs = c.produceMs[row] as number;
    if (!Number.isNaN(produceMs)) entry.produce_ms = produceMs;
    const costUsd = c.costUsd[row] as number;
    if (!Number.isNaN(costUsd)) entry.cost_usd = costUsd;
    const stale = c.stale[row];
    if (stale) entry.stale_reasons = stale;
    const corrupt = c.corrupt[row];
    if (corrupt) entry.corrupt = corrupt;
    const primary = this.primary(row);
    if (primary) entry.primary = primary;
    const upstream = this.details.all().upstream[row];
    if (upstream) entry.upstream = upstream;
    return entry;
  }

  /** The entry files a row was made from. */
  upstream(row: number): readonly string[] {
    return this.details.all().upstream[row] || [];
  }

  datetime(row: number): string {
    return this.names.all().datetime[row] as string;
  }

  /** Whether a row was made from the file whose identity is `identity`, without building the row. */
  madeFrom(row: number, identity: FileIdentity): boolean {
    return sameIdentity(this.identity(row, this.c.size[row] as number), identity);
  }

  /** The identity of the file a row was made from (its size is the row's size), when known. */
  private identity(row: number, size: number): IndexedEntry['identity'] {
    const ino = this.c.ino[row] as number;
    const mtimeMs = this.c.mtime[row] as number;
    return ino < 0 || mtimeMs < 0 ? undefined : { ino, size, mtimeMs };
  }

  private nameId(value: string): number {
    if (!this.ids) this.ids = new Map(this.c.names.map((name, index) => [name, index]));
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.c.names.push(value) - 1;
      this.ids.set(value, id);
    }
    return id;
  }
}

/** The order of the snapshot and of `list`: newest first, then by file name. */
export function newestFirst(savedA: number, fileA: string, savedB: number, fileB: string): number {
  // Comparisons, not a subtraction: a difference of two times is a new heap number each call, and
  // sorting 10,000 rows (a snapshot written, a listing after appends) compares over 100,000 times.
  if (savedA !== savedB) return savedA > savedB ? -1 : 1;
  return fileA < fileB ? -1 : fileA > fileB ? 1 : 0;
}
