import { statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { CacheContext } from '../context.js';
import { entryMatcher, type EntryFilter } from '../entries/filter.js';
import { statusOf, type IndexedEntry } from '../index/indexed-entry.js';
import { isNotFoundError } from '../errors.js';
import { parseDuration, parseSize } from '../options/quantities.js';

/** A blob unreferenced for less than this may belong to an entry being written right now. */
export const ORPHAN_GRACE_MS = 10 * 60_000;

export interface RemovalResult {
  /** Entry files removed (or that would be, with `dryRun`). */
  readonly removed: string[];
  readonly removed_blobs: string[];
  readonly freed_bytes: number;
  readonly dry_run: boolean;
}

export interface ClearOptions {
  readonly dryRun?: boolean;
}

export function clearEntries(
  context: CacheContext,
  filter: EntryFilter = {},
  options: ClearOptions = {},
): RemovalResult {
  const entries = context.index.entries();
  const matches = entryMatcher(filter, context.now());
  return removeEntries(
    context,
    entries,
    entries.filter((entry) => matches(entry, entry.file, statusOf(entry))),
    options.dryRun ?? false,
  );
}

export interface PruneOptions {
  /** Remove entries not used (hit or written) for longer than this: ms or "30d". */
  readonly maxAge?: number | string;
  /** Then remove least recently used entries until entries and blobs fit: bytes or "500MB". */
  readonly maxSize?: number | string;
  readonly dryRun?: boolean;
}

export function pruneEntries(context: CacheContext, options: PruneOptions): RemovalResult {
  const maxAgeMs = options.maxAge === undefined ? undefined : parseDuration(options.maxAge);
  const maxBytes = options.maxSize === undefined ? undefined : parseSize(options.maxSize);
  const entries = context.index.entries();
  const lastAccess = context.activity.lastAccess();
  const lastUsed = (entry: IndexedEntry) => Math.max(entry.saved_timestamp * 1000, lastAccess[entry.file] ?? 0);
  const byAge = [...entries].sort((a, b) => lastUsed(a) - lastUsed(b));
  const now = context.now();
  const doomed = new Set<IndexedEntry>();
  if (maxAgeMs !== undefined) for (const entry of byAge) if (now - lastUsed(entry) > maxAgeMs) doomed.add(entry);
  if (maxBytes !== undefined) {
    const refs = blobReferenceCounts(entries);
    const blobBytes = new Map(
      entries.flatMap((entry) => entry.blobs.map((blob) => [blob.sha256, blob.bytes] as const)),
    );
    let total =
      entries.reduce((sum, entry) => sum + entry.size_bytes, 0) + [...blobBytes.values()].reduce((a, b) => a + b, 0);
    const release = (entry: IndexedEntry) => {
      total -= entry.size_bytes;
      for (const blob of new Set(entry.blobs.map((b) => b.sha256))) {
        const left = (refs.get(blob) ?? 1) - 1;
        refs.set(blob, left);
        if (left === 0) total -= blobBytes.get(blob) ?? 0;
      }
    };
    for (const entry of doomed) release(entry);
    for (const entry of byAge) {
      if (total <= maxBytes) break;
      if (doomed.has(entry)) continue;
      doomed.add(entry);
      release(entry);
    }
  }
  return removeEntries(
    context,
    entries,
    byAge.filter((entry) => doomed.has(entry)),
    options.dryRun ?? false,
  );
}

function blobReferenceCounts(entries: readonly IndexedEntry[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const entry of entries) {
    for (const blob of new Set(entry.blobs.map((b) => b.sha256))) counts.set(blob, (counts.get(blob) ?? 0) + 1);
  }
  return counts;
}

/**
 * Remove entry files, then the blobs that only they referred to. Blobs still referred to by a
 * remaining entry stay, whatever was removed.
 */
function removeEntries(
  context: CacheContext,
  all: readonly IndexedEntry[],
  doomed: readonly IndexedEntry[],
  dryRun: boolean,
): RemovalResult {
  const candidateBlobs = new Map(
    doomed.flatMap((entry) => entry.blobs.map((blob) => [blob.sha256, blob.bytes] as const)),
  );
  const removed: string[] = [];
  const removedBlobs: string[] = [];
  let freed = 0;
  for (const entry of doomed) {
    if (!dryRun && !unlinkEntry(context, entry.file)) continue;
    removed.push(entry.file);
    freed += entry.size_bytes;
  }
  const gone = new Set(removed);
  const stillUsed = new Set(all.filter((entry) => !gone.has(entry.file)).flatMap((e) => e.blobs.map((b) => b.sha256)));
  for (const [sha256, bytes] of candidateBlobs) {
    if (stillUsed.has(sha256)) continue;
    if (!dryRun) context.blobs.deleteSync(sha256);
    removedBlobs.push(sha256);
    freed += bytes;
  }
  if (!dryRun) context.activity.forget(removed);
  return { removed, removed_blobs: removedBlobs, freed_bytes: freed, dry_run: dryRun };
}

function unlinkEntry(context: CacheContext, file: string): boolean {
  try {
    unlinkSync(join(context.layout.root, file));
  } catch (error) {
    if (!isNotFoundError(error)) {
      context.warnUnwritable(error, `removing ${file}`);
      return false;
    }
  }
  context.index.recordDelete(file);
  return true;
}

/** Blobs on disk that no entry refers to and that are old enough not to belong to a write in progress. */
export function orphanBlobs(context: CacheContext, referenced: ReadonlySet<string>, now = Date.now()) {
  return context.blobs
    .listSync()
    .filter((blob) => !referenced.has(blob.sha256))
    .map((blob) => ({ ...blob, in_grace: now - blob.mtimeMs < ORPHAN_GRACE_MS }));
}

export function fileAgeMs(path: string, now = Date.now()): number | undefined {
  const stats = statSync(path, { throwIfNoEntry: false });
  return stats ? now - stats.mtimeMs : undefined;
}
