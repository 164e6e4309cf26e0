import type { CacheContext } from '../context.js';
import type { IndexedEntry } from '../index/record.js';
import { parseDuration, parseSize } from '../options/quantities.js';
import type { StoredVersion } from '../versions/store.js';
import { lockOptions } from './clear.js';
import { withLock } from './lock.js';
import { versionBlobs } from './references.js';
import { removeFiles, type RemovalResult } from './remove.js';

export interface PruneOptions {
  /** Remove entries not used (hit or written) for longer than this, and versions older than it: ms or "30d". */
  readonly maxAge?: number | string;
  /** Then remove old versions, then least recently used entries, until everything fits: bytes or "500MB". */
  readonly maxSize?: number | string;
  readonly dryRun?: boolean;
  /** Remove pinned entries too (they are skipped otherwise). */
  readonly includePinned?: boolean;
}

interface HistoryVersion {
  readonly entryFile: string;
  readonly version: StoredVersion;
}

/**
 * Make the cache fit an age and a size: earlier versions go first (oldest first), then entries
 * least recently used. Pinned entries and their histories stay unless `includePinned`.
 */
export function pruneEntries(context: CacheContext, options: PruneOptions): RemovalResult {
  const maxAgeMs = options.maxAge === undefined ? undefined : parseDuration(options.maxAge);
  const maxBytes = options.maxSize === undefined ? undefined : parseSize(options.maxSize);
  return withLock(context.layout.locks, 'housekeeping', lockOptions(context, 'prune'), () => {
    const view = context.index.view({ check: true });
    const entries: IndexedEntry[] = [];
    view.forEachRow((row) => {
      if (view.table.kind(row) !== 'foreign') entries.push(view.table.entry(row));
    });
    const pinned = (file: string) => !options.includePinned && context.pins.isPinned(file);
    const skippedPinned = entries.filter((entry) => pinned(entry.file)).map((entry) => entry.file);
    const lastAccess = context.activity.lastAccess();
    const lastUsed = (entry: IndexedEntry) => Math.max(entry.saved_timestamp * 1000, lastAccess[entry.file] ?? 0);
    const byAge = entries.filter((entry) => !pinned(entry.file)).sort((a, b) => lastUsed(a) - lastUsed(b));
    const versions: HistoryVersion[] = context.versions
      .entryFiles()
      .filter((entryFile) => !pinned(entryFile))
      .flatMap((entryFile) => context.versions.list(entryFile).map((version) => ({ entryFile, version })))
      .sort((a, b) => a.version.saved_timestamp - b.version.saved_timestamp);
    const now = context.now();
    const doomed = new Set<IndexedEntry>();
    const doomedVersions = new Set<HistoryVersion>();
    if (maxAgeMs !== undefined) {
      for (const item of versions) if (now - item.version.saved_timestamp * 1000 > maxAgeMs) doomedVersions.add(item);
      for (const entry of byAge) if (now - lastUsed(entry) > maxAgeMs) doomed.add(entry);
    }
    if (maxBytes !== undefined) {
      const footprint = new Footprint(context, entries, versions);
      for (const item of doomedVersions) footprint.dropVersion(item);
      for (const entry of doomed) footprint.dropEntry(entry);
      for (const item of versions) {
        if (footprint.total <= maxBytes) break;
        if (doomedVersions.has(item)) continue;
        doomedVersions.add(item);
        footprint.dropVersion(item);
      }
      for (const entry of byAge) {
        if (footprint.total <= maxBytes) break;
        if (doomed.has(entry)) continue;
        doomed.add(entry);
        footprint.dropEntry(entry);
      }
    }
    const removedEntries = byAge.filter((entry) => doomed.has(entry));
    const gone = new Set(removedEntries.map((entry) => entry.file));
    return removeFiles(context, view, {
      entries: removedEntries,
      withHistory: true,
      versions: [...doomedVersions].filter((item) => !gone.has(item.entryFile)),
      skippedPinned,
      dryRun: options.dryRun ?? false,
    });
  });
}

/** The bytes entries, versions and the blobs they share take, as files are taken away. */
class Footprint {
  total = 0;
  private readonly users = new Map<string, number>();
  private readonly blobBytes = new Map<string, number>();
  private readonly versionBlobs = new Map<string, readonly { sha256: string; bytes: number }[]>();
  private readonly droppedVersions = new Set<string>();

  constructor(
    private readonly context: CacheContext,
    entries: readonly IndexedEntry[],
    versions: readonly HistoryVersion[],
  ) {
    for (const entry of entries) this.add(entry.size_bytes, entry.blobs);
    for (const item of versions) this.add(item.version.bytes, this.blobsOf(item));
  }

  /** An entry goes with its whole history. */
  dropEntry(entry: IndexedEntry): void {
    this.drop(entry.size_bytes, entry.blobs);
    for (const version of this.context.versions.list(entry.file)) this.dropVersion({ entryFile: entry.file, version });
  }

  dropVersion(item: HistoryVersion): void {
    if (this.droppedVersions.has(item.version.path)) return;
    this.droppedVersions.add(item.version.path);
    this.drop(item.version.bytes, this.blobsOf(item));
  }

  private blobsOf(item: HistoryVersion): readonly { sha256: string; bytes: number }[] {
    let blobs = this.versionBlobs.get(item.version.path);
    if (!blobs) {
      blobs = versionBlobs(this.context, item.version);
      this.versionBlobs.set(item.version.path, blobs);
    }
    return blobs;
  }

  private add(bytes: number, blobs: readonly { sha256: string; bytes: number }[]): void {
    this.total += bytes;
    for (const [sha256, size] of new Map(blobs.map((b) => [b.sha256, b.bytes]))) {
      const users = (this.users.get(sha256) ?? 0) + 1;
      this.users.set(sha256, users);
      if (users === 1) {
        this.blobBytes.set(sha256, size);
        this.total += size;
      }
    }
  }

  private drop(bytes: number, blobs: readonly { sha256: string; bytes: number }[]): void {
    this.total -= bytes;
    for (const sha256 of new Set(blobs.map((b) => b.sha256))) {
      const users = (this.users.get(sha256) ?? 1) - 1;
      this.users.set(sha256, users);
      if (users === 0) this.total -= this.blobBytes.get(sha256) ?? 0;
    }
  }
}
