import { lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { classifyContent, foreignWithoutReading, type FileContent } from '../entries/content.js';
import { parseTempName, unlinkQuietly, writeFileAtomic } from '../files/atomic-file.js';
import { identityOf, sameIdentity, type FileIdentity } from '../files/identity.js';
import { readWithIdentity } from '../files/read.js';
import { appendJsonLines, readJsonLines } from '../files/jsonl.js';
import { childPathPrefix, type CacheLayout } from '../files/layout.js';
import { tryLock } from '../housekeeping/lock.js';
import { isNotFoundError } from '../errors.js';
import { recordOfContent, type IndexedEntry } from './record.js';
import { IndexTable } from './table.js';
import { IndexView, type JournalRecord } from './view.js';
import { directoryTime, markHolds, writeMark } from './reconcile-mark.js';

const COMPACT_AT_BYTES = 256 * 1024;
/** How many records at once go straight into a new snapshot rather than the journal. */
const FOLD_CHANGES_AT = 500;
const JOURNAL_FOLD_ON_RECONCILE_BYTES = 32 * 1024;

/**
 * The cache's table of contents: a snapshot plus an append-only journal under `.streamgank/`,
 * one record per file at the top of the directory (entries, corrupt entries, foreign files), each
 * with the identity (inode, size, modification time) of the file it was made from.
 *
 * The files stay the truth. When the directory changed since the index last matched it (a file
 * added, removed or renamed over another, by this cache or any other hand), every file is looked
 * at again and each one whose identity differs from its record is read again. When it has not
 * changed, listing 10,000 entries costs a stat and one read of the snapshot. A file written in
 * place (same directory entry, so the directory does not change) is caught when it is read, shown
 * or verified, and by any listing after the directory next changes.
 */
export class EntryIndex {
  private readonly rootPrefix: string;

  constructor(private readonly layout: CacheLayout) {
    this.rootPrefix = childPathPrefix(layout.root);
  }

  recordPut(entry: IndexedEntry): void {
    this.journal([{ op: 'put', ...entry }]);
  }

  recordDelete(file: string): void {
    this.journal([{ op: 'del', file }]);
  }

  recordStale(file: string, reasons: string[]): void {
    this.journal([{ op: 'stale', file, reasons }]);
  }

  /** Read a file at the top of the directory and record what it holds (after a hand-made change was noticed). */
  recordFile(file: string): IndexedEntry | undefined {
    const record = readRecord(this.layout.root, file);
    if (record) this.recordPut(record);
    else this.recordDelete(file);
    return record;
  }

  /**
   * Journal `records` in one write, compacting once the journal has grown; many at once (what a
   * reconcile finds after a checkout, or another machine's cache copied in) are folded straight
   * into a new snapshot, since a journal of thousands of records would only be written, read back
   * and folded.
   */
  private journal(records: readonly JournalRecord[]): void {
    if (records.length === 0) return;
    if (records.length >= FOLD_CHANGES_AT && this.compact(records)) return;
    let size: number;
    try {
      size = appendJsonLines(this.layout.indexJournal, records);
    } catch {
      // A cache that cannot be written still serves reads; the entry write has already warned.
      return;
    }
    if (size > COMPACT_AT_BYTES) this.compact();
  }

  /**
   * The index as it stands, true to the directory: reconciled first when the directory changed
   * since they last matched, or always with `check` (housekeeping decides from the files).
   */
  view(options: { readonly check?: boolean } = {}): IndexView {
    const view = this.readView();
    if (!options.check && markHolds(this.layout.reconcileMark, this.layout.root, view.count())) return view;
    this.reconcile(view);
    return view;
  }

  /** Every record, true to the directory. */
  entries(options: { readonly check?: boolean } = {}): IndexedEntry[] {
    return this.view(options).entries();
  }

  /** Rewrite the snapshot from the files themselves (verify --fix). */
  rebuild(): IndexedEntry[] {
    const previous = this.readView().byFile();
    const entries: IndexedEntry[] = [];
    for (const file of topLevelFiles(this.layout.root)) {
      const record = readRecord(this.layout.root, file);
      if (!record) continue;
      const before = previous.get(file);
      const keepStale = before?.stale_reasons && sameIdentity(before.identity, record.identity);
      entries.push(keepStale ? { ...record, stale_reasons: before.stale_reasons } : record);
    }
    if (this.writeSnapshot(entries)) unlinkQuietly(this.layout.indexJournal);
    return entries;
  }

  /** Bring `view` in line with the directory, journaling every difference found. */
  private reconcile(view: IndexView): void {
    const checkedAt = Date.now();
    const mtimeNs = directoryTime(this.layout.root);
    const onDisk = mtimeNs === undefined ? [] : topLevelFiles(this.layout.root);
    const present = new Set(onDisk);
    const changes: JournalRecord[] = [];
    view.forEachRow((row) => {
      const file = view.table.file(row);
      if (!present.has(file)) changes.push({ op: 'del', file });
    });
    for (const file of onDisk) {
      const row = view.rowOfFile(file);
      const link = lstatSync(this.rootPrefix + file, { throwIfNoEntry: false });
      if (!link) {
        if (row !== undefined) changes.push({ op: 'del', file });
        continue;
      }
      if (row !== undefined && view.table.madeFrom(row, link)) continue;
      const record = readRecord(this.layout.root, file, link);
      changes.push(record ? { op: 'put', ...record } : { op: 'del', file });
    }
    for (const change of changes) view.apply(change);
    this.journal(changes);
    // Listings that trust the mark read the journal every time: fold it while we are here.
    if ((statSync(this.layout.indexJournal, { throwIfNoEntry: false })?.size ?? 0) > JOURNAL_FOLD_ON_RECONCILE_BYTES) {
      this.compact();
    }
    if (mtimeNs !== undefined) writeMark(this.layout.reconcileMark, mtimeNs, checkedAt, view.count());
  }

  private readView(): IndexView {
    return new IndexView(this.readSnapshot(), readJsonLines<JournalRecord>(this.layout.indexJournal));
  }

  private readSnapshot(): IndexTable {
    let bytes: Buffer | undefined;
    try {
      bytes = readFileSync(this.layout.indexSnapshot);
    } catch {
      bytes = undefined;
    }
    return IndexTable.decode(bytes);
  }

  /**
   * Fold the journal, then `extra` records not journaled, into a new snapshot; true when it was
   * written. The journal is renamed away first, so appends that start after that go to a fresh
   * journal; an append racing the rename can be lost, which only leaves the index a little behind
   * the files until the next reconcile or `verify --fix`.
   */
  private compact(extra: readonly JournalRecord[] = []): boolean {
    const lock = tryLock(this.layout.locks, 'index');
    if (!lock) return false;
    const compacting = `${this.layout.indexJournal}.${process.pid}.compacting`;
    let journaled = false;
    try {
      try {
        renameSync(this.layout.indexJournal, compacting);
        journaled = true;
      } catch (error) {
        // No journal yet is nothing to fold; anything else leaves things as they are.
        if (!isNotFoundError(error) || extra.length === 0) return false;
      }
      const records = journaled ? readJsonLines<JournalRecord>(compacting) : [];
      const folded = new IndexView(this.readSnapshot(), [...records, ...extra]);
      const written = this.writeSnapshot(folded.entries());
      if (!journaled) return written;
      if (written) unlinkQuietly(compacting);
      else renameSync(compacting, this.layout.indexJournal);
      return written;
    } catch {
      // Leave things as they are; the next append tries again.
      return false;
    } finally {
      lock.release();
    }
  }

  private writeSnapshot(entries: Iterable<IndexedEntry>): boolean {
    try {
      mkdirSync(this.layout.state, { recursive: true });
      writeFileAtomic(this.layout.indexSnapshot, IndexTable.encode(entries), { durable: false });
      return true;
    } catch {
      // Read-only cache: the journal and the files still tell the truth.
      return false;
    }
  }
}

/**
 * The names of the files at the top of the directory that the index accounts for: every regular
 * file and symbolic link except this cache's own temp files. Directories (blobs, history and the
 * cache's own state among them) are not entries.
 */
export function topLevelFiles(root: string): string[] {
  let dirents;
  try {
    dirents = readdirSync(root, { withFileTypes: true });
  } catch {
    return [];
  }
  const files: string[] = [];
  for (const dirent of dirents) {
    if (dirent.isDirectory()) continue;
    if (parseTempName(dirent.name)) continue;
    files.push(dirent.name);
  }
  return files;
}

/** What a top-level file holds, with its size and identity; or that it could not be read, and why. */
export type TopLevelFile =
  | { readonly content: FileContent; readonly size: number; readonly identity: FileIdentity }
  | { readonly unreadable: string; readonly size: number; readonly identity: FileIdentity };

/**
 * Read one top-level file and say what it holds: the one reading that the index and `verify`
 * share. Symbolic links and anything that is not a plain `.json` file of a plausible size are
 * foreign without being read (a link could lead outside the cache). Undefined when the file is gone.
 * `lstat` is the file's own, when the caller has just taken it.
 */
export function readTopLevelFile(root: string, file: string, lstat?: Stats): TopLevelFile | undefined {
  const path = join(root, file);
  const link = lstat ?? lstatSync(path, { throwIfNoEntry: false });
  if (!link) return undefined;
  const foreign = foreignWithoutReading(file, link);
  if (foreign) return { content: { kind: 'foreign', detail: foreign }, size: link.size, identity: identityOf(link) };
  try {
    const read = readWithIdentity(path);
    return { content: classifyContent(file, read.bytes), size: read.bytes.length, identity: read.identity };
  } catch (error) {
    if (isNotFoundError(error)) return undefined;
    const why = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    return { unreadable: `cannot read it (${why})`, size: link.size, identity: identityOf(link) };
  }
}

/** The index's record of one top-level file (an unreadable one is a corrupt entry); undefined when it is gone. */
export function readRecord(root: string, file: string, lstat?: Stats): IndexedEntry | undefined {
  const found = readTopLevelFile(root, file, lstat);
  if (!found) return undefined;
  const content: FileContent =
    'unreadable' in found ? { kind: 'corrupt', reason: 'unreadable', detail: found.unreadable } : found.content;
  return recordOfContent(file, content, found.size, found.identity);
}
