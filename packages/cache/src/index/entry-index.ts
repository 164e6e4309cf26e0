import { mkdirSync, readFileSync, readdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { unlinkQuietly, writeFileAtomic } from '../files/atomic-file.js';
import { EntryParseFailure, parseEntry } from '../entries/format.js';
import { isEntryFileName } from '../entries/name.js';
import { tryLock } from '../housekeeping/lock.js';
import { encodeSnapshot, SnapshotTable, visitEntryFacts, type FactsVisitor } from './snapshot.js';
import { IndexView, type JournalRecord } from './view.js';
import { corruptIndexedEntry, indexedEntryFrom, type IndexedEntry } from './indexed-entry.js';
import { appendJsonLine, readJsonFile, readJsonLines } from '../files/jsonl.js';
import type { CacheLayout } from '../files/layout.js';

export { indexedEntryFrom, statusOf, type EntryStatus, type IndexedEntry } from './indexed-entry.js';

/** The directory's modification time when the index last matched its listing exactly. */
interface ReconcileMark {
  readonly directory_mtime_ns: string;
  /** How many entries the index held then: a snapshot lost or damaged since shows as a different count. */
  readonly entries: number;
}

const COMPACT_AT_BYTES = 256 * 1024;
const JOURNAL_FOLD_ON_RECONCILE_BYTES = 32 * 1024;
/** Directory times are coarse: a change within this of the mark could hide behind the same time. */
const MARK_SETTLE_MS = 2000;

/**
 * The cache's table of contents: a snapshot plus an append-only journal under `.streamgank/`.
 * Entry files stay the truth. When the directory changed since the index last matched it (a file
 * added, removed or renamed, by this cache or by hand) the listing is reconciled: files removed
 * drop out, files copied in (the Python version's, a colleague's) are read once and added. When it
 * has not changed, listing 10,000 entries costs a stat and one JSON parse.
 */
export class EntryIndex {
  constructor(private readonly layout: CacheLayout) {}

  recordPut(entry: IndexedEntry): void {
    this.append({ op: 'put', ...entry });
  }

  recordDelete(file: string): void {
    this.append({ op: 'del', file });
  }

  recordStale(file: string, reasons: string[]): void {
    this.append({ op: 'stale', file, reasons });
  }

  private append(record: JournalRecord): void {
    let size: number;
    try {
      size = appendJsonLine(this.layout.indexJournal, record);
    } catch {
      // A cache that cannot be written still serves reads; the entry write has already warned.
      return;
    }
    if (size > COMPACT_AT_BYTES) this.compact();
  }

  /** Every entry file in the directory, with what the index knows of it. */
  entries(): IndexedEntry[] {
    const view = this.readView();
    const entries = view.entries();
    return this.markHolds(entries.length) ? entries : this.reconcileAndMark(view);
  }

  /**
   * One result per entry, made by `fromView` from the index as it stands, or (when the index has to
   * be reconciled with the directory first) by `fromEntries` from the reconciled entries.
   */
  collect<T>(fromView: (view: IndexView) => T[], fromEntries: (entries: IndexedEntry[]) => T[]): T[] {
    const view = this.readView();
    const results = fromView(view);
    return this.markHolds(results.length) ? results : fromEntries(this.reconcileAndMark(view));
  }

  /** What `stats` totals, for every entry; builds no entry objects when the index is current. */
  forEachFacts(visit: FactsVisitor): void {
    const view = this.readView();
    if (this.markHolds(view.count())) view.forEachFacts(visit);
    else for (const entry of this.reconcileAndMark(view)) visitEntryFacts(entry, visit);
  }

  /**
   * True when the index can be trusted without listing the directory: the directory has not
   * changed since they last matched (its modification time says so) and the index still holds as
   * many entries as it did then.
   */
  private markHolds(entryCount: number): boolean {
    const directory = statSync(this.layout.root, { bigint: true, throwIfNoEntry: false });
    if (!directory) return false;
    const mark = readJsonFile<ReconcileMark>(join(this.layout.state, 'reconciled.json'));
    return mark?.directory_mtime_ns === String(directory.mtimeNs) && mark.entries === entryCount;
  }

  private reconcileAndMark(view: IndexView): IndexedEntry[] {
    const directory = statSync(this.layout.root, { bigint: true, throwIfNoEntry: false });
    if (!directory) return [];
    const reconciled = this.reconcile(view.byFile());
    // Listings that trust the mark read the journal every time: fold it while we are here.
    if ((statSync(this.layout.indexJournal, { throwIfNoEntry: false })?.size ?? 0) > JOURNAL_FOLD_ON_RECONCILE_BYTES) {
      this.compact();
    }
    if (Date.now() - Number(directory.mtimeMs) > MARK_SETTLE_MS)
      this.writeMark(String(directory.mtimeNs), reconciled.length);
    return reconciled;
  }

  private reconcile(known: Map<string, IndexedEntry>): IndexedEntry[] {
    const onDisk = this.entryFilesOnDisk();
    const present = new Set(onDisk);
    for (const file of known.keys()) if (!present.has(file)) this.recordDelete(file);
    const entries: IndexedEntry[] = [];
    for (const file of onDisk) {
      const indexed = known.get(file);
      // A file known to be corrupt may have been replaced since: read it again.
      const entry = indexed && !indexed.corrupt ? indexed : this.readUnindexed(file);
      if (entry) entries.push(entry);
    }
    return entries;
  }

  /** Rewrite the snapshot from the entry files themselves (verify --fix). */
  rebuild(): IndexedEntry[] {
    const previous = this.readView().byFile();
    const entries = this.entryFilesOnDisk()
      .map((file) => this.readEntryFile(file))
      .filter((entry): entry is IndexedEntry => entry !== undefined)
      .map((entry) => {
        const before = previous.get(entry.file);
        const keepStale = before?.stale_reasons && !entry.corrupt && before.saved_timestamp === entry.saved_timestamp;
        return keepStale ? { ...entry, stale_reasons: before.stale_reasons } : entry;
      });
    if (this.writeSnapshot(entries)) unlinkQuietly(this.layout.indexJournal);
    return entries;
  }

  private entryFilesOnDisk(): string[] {
    try {
      return readdirSync(this.layout.root).filter(isEntryFileName);
    } catch {
      return [];
    }
  }

  private readView(): IndexView {
    return new IndexView(this.readSnapshot(), readJsonLines<JournalRecord>(this.layout.indexJournal));
  }

  private readSnapshot(): SnapshotTable {
    let text: string | undefined;
    try {
      text = readFileSync(this.layout.indexSnapshot, 'utf8');
    } catch {
      text = undefined;
    }
    return SnapshotTable.decode(text);
  }

  private readUnindexed(file: string): IndexedEntry | undefined {
    const entry = this.readEntryFile(file);
    if (entry) this.recordPut(entry);
    return entry;
  }

  private readEntryFile(file: string): IndexedEntry | undefined {
    const path = join(this.layout.root, file);
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch {
      return undefined;
    }
    try {
      const parsed = parseEntry(bytes);
      return indexedEntryFrom(file, parsed.metadata, bytes.length, parsed.legacy);
    } catch (error) {
      if (!(error instanceof EntryParseFailure)) throw error;
      const modified = statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? 0;
      return corruptIndexedEntry(file, error.reason, bytes.length, modified);
    }
  }

  private writeMark(mtimeNs: string, entries: number): void {
    try {
      const mark: ReconcileMark = { directory_mtime_ns: mtimeNs, entries };
      mkdirSync(this.layout.state, { recursive: true });
      writeFileAtomic(join(this.layout.state, 'reconciled.json'), Buffer.from(JSON.stringify(mark)), {
        durable: false,
      });
    } catch {
      // Read-only cache: every listing reconciles, which is only slower.
    }
  }

  /**
   * Fold the journal into a new snapshot. The journal is renamed away first, so appends that
   * start after that go to a fresh journal; an append racing the rename can be lost, which only
   * leaves the index a little behind the files until the next reconcile or `verify --fix`.
   */
  private compact(): void {
    const release = tryLock(this.layout.locks, 'index');
    if (!release) return;
    const compacting = `${this.layout.indexJournal}.${process.pid}.compacting`;
    try {
      renameSync(this.layout.indexJournal, compacting);
      const folded = new IndexView(this.readSnapshot(), readJsonLines<JournalRecord>(compacting));
      if (this.writeSnapshot(folded.entries())) unlinkQuietly(compacting);
      else renameSync(compacting, this.layout.indexJournal);
    } catch {
      // Leave things as they are; the next append tries again.
    } finally {
      release();
    }
  }

  private writeSnapshot(entries: Iterable<IndexedEntry>): boolean {
    try {
      mkdirSync(this.layout.state, { recursive: true });
      writeFileAtomic(this.layout.indexSnapshot, Buffer.from(encodeSnapshot(entries)), { durable: false });
      return true;
    } catch {
      // Read-only cache: the journal and the files still tell the truth.
      return false;
    }
  }
}
