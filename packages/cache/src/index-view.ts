import { factsOf, SnapshotTable, type EntryFacts } from './index-snapshot.js';
import type { IndexedEntry } from './indexed-entry.js';

export type JournalRecord =
  | ({ op: 'put' } & IndexedEntry)
  | { op: 'del'; file: string }
  | { op: 'stale'; file: string; reasons: string[] };

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

  /** The same entries, as the few facts `stats` totals. */
  forEachFacts(visit: (facts: EntryFacts) => void): void {
    for (let row = 0; row < this.table.size; row += 1) {
      const file = this.table.fileAt(row);
      if (this.changed.has(file)) continue;
      const facts = this.table.factsAt(row);
      visit(this.staleRows.has(file) && facts.status !== 'corrupt' ? { ...facts, status: 'stale' } : facts);
    }
    for (const entry of this.changed.values()) if (entry) visit(factsOf(entry));
  }

  byFile(): Map<string, IndexedEntry> {
    return new Map(this.entries().map((entry) => [entry.file, entry]));
  }
}
