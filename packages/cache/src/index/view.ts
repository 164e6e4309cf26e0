import { visitEntryFacts, SnapshotTable, type Columns, type FactsVisitor } from './snapshot.js';
import type { IndexedEntry } from './indexed-entry.js';

export type JournalRecord =
  ({ op: 'put' } & IndexedEntry) | { op: 'del'; file: string } | { op: 'stale'; file: string; reasons: string[] };

/**
 * The index as it stands: the snapshot's rows, overridden by what the journal recorded since
 * (entries written or removed, entries found stale). Rows are only turned into objects when
 * asked for, so totals over a large cache build none.
 */
export class IndexView {
  private readonly changed = new Map<string, IndexedEntry | null>();
  private readonly staleRows = new Map<string, readonly string[]>();

  constructor(
    private readonly table: SnapshotTable,
    records: readonly JournalRecord[],
  ) {
    for (const record of records) {
      if (record.op === 'put') {
        const entry: Partial<JournalRecord> = record;
        delete entry.op;
        this.changed.set(record.file, entry as IndexedEntry);
        this.staleRows.delete(record.file);
      } else if (record.op === 'del') {
        this.changed.set(record.file, null);
      } else {
        const entry = this.changed.get(record.file);
        if (entry) this.changed.set(record.file, { ...entry, stale_reasons: record.reasons });
        else if (entry === undefined) this.staleRows.set(record.file, record.reasons);
      }
    }
  }

  /** How many entries there are. */
  count(): number {
    let count = 0;
    for (let row = 0; row < this.table.size; row += 1) if (!this.changed.has(this.table.fileAt(row))) count += 1;
    for (const entry of this.changed.values()) if (entry) count += 1;
    return count;
  }

  /** Every entry, as objects. */
  entries(): IndexedEntry[] {
    const entries: IndexedEntry[] = [];
    for (let row = 0; row < this.table.size; row += 1) {
      const file = this.table.fileAt(row);
      if (this.changed.has(file)) continue;
      const entry = this.table.entryAt(row);
      const stale = this.staleRows.get(file);
      entries.push(stale ? { ...entry, stale_reasons: stale } : entry);
    }
    for (const entry of this.changed.values()) if (entry) entries.push(entry);
    return entries;
  }

  /** The snapshot's columns and what the journal changed since, for a reader that walks rows itself. */
  parts(): {
    readonly columns: Readonly<Columns> | undefined;
    readonly changed: ReadonlyMap<string, IndexedEntry | null>;
    readonly staleRows: ReadonlyMap<string, readonly string[]>;
  } {
    return { columns: this.table.rows, changed: this.changed, staleRows: this.staleRows };
  }

  /** The same entries, as the few facts `stats` totals. */
  forEachFacts(visit: FactsVisitor): void {
    for (let row = 0; row < this.table.size; row += 1) {
      const file = this.table.fileAt(row);
      if (!this.changed.has(file)) this.table.visitFacts(row, visit, this.staleRows.has(file));
    }
    for (const entry of this.changed.values()) if (entry) visitEntryFacts(entry, visit);
  }

  byFile(): Map<string, IndexedEntry> {
    return new Map(this.entries().map((entry) => [entry.file, entry]));
  }
}
