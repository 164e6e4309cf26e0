import type { IndexedEntry } from './record.js';
import { IndexTable } from './table.js';

export type JournalRecord =
  ({ op: 'put' } & IndexedEntry) | { op: 'del'; file: string } | { op: 'stale'; file: string; reasons: string[] };

/**
 * The index as it stands: the snapshot's rows with the journal's records applied on top (files
 * written, removed, found stale). Records are appended to the same table, and the rows they replace
 * are skipped, so every reader walks one kind of row and builds objects only when asked.
 */
export class IndexView {
  private readonly dead = new Set<number>();
  private readonly staleOverride = new Map<number, readonly string[]>();
  private rows: Map<string, number> | undefined;

  constructor(
    readonly table: IndexTable,
    records: readonly JournalRecord[],
  ) {
    for (const record of records) this.apply(record);
  }

  /** Apply one more record on top of what the view holds. */
  apply(record: JournalRecord): void {
    const rowOf = this.rowOf();
    const previous = rowOf.get(record.file);
    if (record.op === 'stale') {
      if (previous !== undefined) this.staleOverride.set(previous, record.reasons);
      return;
    }
    if (previous !== undefined) {
      this.dead.add(previous);
      rowOf.delete(record.file);
    }
    if (record.op === 'put') {
      const { op: _op, ...entry } = record;
      this.table.append(entry);
      rowOf.set(record.file, this.table.size - 1);
    }
  }

  /** The live row holding `file`, if any. */
  rowOfFile(file: string): number | undefined {
    return this.rowOf().get(file);
  }

  private rowOf(): Map<string, number> {
    if (!this.rows) {
      this.rows = new Map();
      this.forEachRow((row) => this.rows?.set(this.table.file(row), row));
    }
    return this.rows;
  }

  /** The rows that later records replaced; loops over the table's columns skip them. */
  get deadRows(): ReadonlySet<number> {
    return this.dead;
  }

  /** Calls `visit` with every live row, in table order. */
  forEachRow(visit: (row: number) => void): void {
    const { dead } = this;
    const size = this.table.size;
    if (dead.size === 0) for (let row = 0; row < size; row += 1) visit(row);
    else for (let row = 0; row < size; row += 1) if (!dead.has(row)) visit(row);
  }

  count(): number {
    return this.table.size - this.dead.size;
  }

  /** The reasons a read found the row stale, from the journal or the snapshot. */
  staleReasons(row: number): readonly string[] | undefined {
    return this.staleOverride.get(row) ?? this.table.staleReasons(row);
  }

  /** The rows a journal record found stale after the snapshot was written. */
  rowsFoundStale(): Iterable<number> {
    return this.staleOverride.keys();
  }

  /** Every record, as objects. */
  entries(): IndexedEntry[] {
    const entries: IndexedEntry[] = [];
    this.forEachRow((row) => {
      const entry = this.table.entry(row);
      const stale = this.staleOverride.get(row);
      entries.push(stale ? { ...entry, stale_reasons: stale } : entry);
    });
    return entries;
  }

  byFile(): Map<string, IndexedEntry> {
    return new Map(this.entries().map((entry) => [entry.file, entry]));
  }
}
