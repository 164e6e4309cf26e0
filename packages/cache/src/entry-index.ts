import { mkdirSync, readFileSync, readdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { unlinkQuietly, writeFileAtomic } from './atomic-file.js';
import { isEntryFileName } from './entry-name.js';
import { parseEntry, EntryParseFailure, type BlobRef, type EntryMetadata } from './entry-format.js';
import { tryLock } from './file-lock.js';
import { appendJsonLine, readJsonFile, readJsonLines } from './jsonl.js';
import type { CacheLayout } from './layout.js';
import type { CorruptReason } from './errors.js';

export type EntryStatus = 'ok' | 'legacy' | 'stale' | 'corrupt';

/** What list, stats, clear and prune need to know of an entry, kept so they never open entry files. */
export interface IndexedEntry {
  readonly file: string;
  readonly data_type: string;
  readonly parameters: Readonly<Record<string, unknown>> & { country: string; genre: string; platform: string };
  readonly saved_timestamp: number;
  readonly saved_datetime: string;
  readonly size_bytes: number;
  readonly blobs: readonly BlobRef[];
  readonly legacy: boolean;
  readonly producer?: string;
  readonly produce_ms?: number;
  readonly cost_usd?: number;
  readonly inputs_fingerprint?: string;
  /** Set when the last read found the fingerprint changed; cleared by the next write. */
  readonly stale_reasons?: readonly string[];
  /** Set (in memory only) for a file found on disk that does not parse. */
  readonly corrupt?: CorruptReason;
}

type JournalRecord =
  | ({ op: 'put' } & IndexedEntry)
  | { op: 'del'; file: string }
  | { op: 'stale'; file: string; reasons: string[] };

interface Snapshot {
  readonly format: 1;
  readonly entries: IndexedEntry[];
}

const COMPACT_AT_BYTES = 1024 * 1024;

export function indexedEntryFrom(file: string, metadata: EntryMetadata, sizeBytes: number, legacy: boolean): IndexedEntry {
  const { country, genre, platform } = metadata.parameters;
  return {
    file,
    data_type: metadata.data_type,
    parameters: { country, genre, platform },
    saved_timestamp: metadata.saved_timestamp,
    saved_datetime: metadata.saved_datetime,
    size_bytes: sizeBytes,
    blobs: metadata.blobs ?? [],
    legacy,
    ...(metadata.producer !== undefined && { producer: metadata.producer }),
    ...(metadata.produce_ms !== undefined && { produce_ms: metadata.produce_ms }),
    ...(metadata.cost_usd !== undefined && { cost_usd: metadata.cost_usd }),
    ...(metadata.inputs_fingerprint !== undefined && { inputs_fingerprint: metadata.inputs_fingerprint }),
  };
}

export function statusOf(entry: IndexedEntry): EntryStatus {
  if (entry.corrupt) return 'corrupt';
  if (entry.stale_reasons) return 'stale';
  return entry.legacy ? 'legacy' : 'ok';
}

/**
 * The cache's table of contents: a snapshot plus an append-only journal under `.streamgank/`.
 * Entry files stay the truth: every read is reconciled with the directory listing, so files
 * removed by hand drop out and files copied in by hand (the Python version's, a colleague's) are
 * read once and added. Listing 10,000 entries therefore costs one readdir and one JSON parse.
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
    const known = this.fold(this.readRecords());
    const onDisk = this.entryFilesOnDisk();
    const entries: IndexedEntry[] = [];
    for (const file of onDisk) {
      const entry = known.get(file) ?? this.readUnindexed(file);
      if (entry) entries.push(entry);
    }
    return entries;
  }

  /** Rewrite the snapshot from the entry files themselves (verify --fix). */
  rebuild(): IndexedEntry[] {
    const entries = this.entryFilesOnDisk()
      .map((file) => this.readEntryFile(file))
      .filter((entry): entry is IndexedEntry => entry !== undefined);
    const previous = this.fold(this.readRecords());
    const kept = entries.map((entry) => {
      const stale = previous.get(entry.file)?.stale_reasons;
      return stale && entry.corrupt === undefined && previous.get(entry.file)?.saved_timestamp === entry.saved_timestamp
        ? { ...entry, stale_reasons: stale }
        : entry;
    });
    if (this.writeSnapshot(kept.filter((entry) => entry.corrupt === undefined))) unlinkQuietly(this.layout.indexJournal);
    return kept;
  }

  private entryFilesOnDisk(): string[] {
    try {
      return readdirSync(this.layout.root).filter(isEntryFileName);
    } catch {
      return [];
    }
  }

  private readRecords(): JournalRecord[] {
    const snapshot = readJsonFile<Snapshot>(this.layout.indexSnapshot);
    const base: JournalRecord[] = snapshot?.format === 1 ? snapshot.entries.map((entry) => ({ op: 'put', ...entry })) : [];
    return base.concat(readJsonLines<JournalRecord>(this.layout.indexJournal));
  }

  private fold(records: JournalRecord[]): Map<string, IndexedEntry> {
    const entries = new Map<string, IndexedEntry>();
    for (const record of records) {
      if (record.op === 'put') {
        const { op: _op, ...entry } = record;
        entries.set(record.file, entry);
      } else if (record.op === 'del') {
        entries.delete(record.file);
      } else if (record.op === 'stale') {
        const entry = entries.get(record.file);
        if (entry) entries.set(record.file, { ...entry, stale_reasons: record.reasons });
      }
    }
    return entries;
  }

  private readUnindexed(file: string): IndexedEntry | undefined {
    const entry = this.readEntryFile(file);
    if (entry && entry.corrupt === undefined) this.recordPut(entry);
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
      const stats = statSync(path, { throwIfNoEntry: false });
      const seconds = (stats?.mtimeMs ?? 0) / 1000;
      return {
        file,
        data_type: 'unknown',
        parameters: { country: '', genre: '', platform: '' },
        saved_timestamp: seconds,
        saved_datetime: '',
        size_bytes: bytes.length,
        blobs: [],
        legacy: false,
        corrupt: error.reason,
      };
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
      const snapshot = readJsonFile<Snapshot>(this.layout.indexSnapshot);
      const records: JournalRecord[] = (snapshot?.format === 1 ? snapshot.entries : []).map((entry) => ({ op: 'put' as const, ...entry }));
      const folded = this.fold(records.concat(readJsonLines<JournalRecord>(compacting)));
      if (this.writeSnapshot([...folded.values()])) unlinkQuietly(compacting);
      else renameSync(compacting, this.layout.indexJournal);
    } catch {
      // Leave things as they are; the next append tries again.
    } finally {
      release();
    }
  }

  private writeSnapshot(entries: IndexedEntry[]): boolean {
    const snapshot: Snapshot = { format: 1, entries };
    try {
      mkdirSync(this.layout.state, { recursive: true });
      writeFileAtomic(this.layout.indexSnapshot, Buffer.from(JSON.stringify(snapshot)), { durable: false });
      return true;
    } catch {
      // Read-only cache: the journal and the files still tell the truth.
      return false;
    }
  }
}
