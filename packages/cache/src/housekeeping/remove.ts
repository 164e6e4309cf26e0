import { statSync, unlinkSync } from 'node:fs';
import type { CacheContext } from '../context.js';
import { isNotFoundError } from '../errors.js';
import type { IndexedEntry } from '../index/record.js';
import type { IndexView } from '../index/view.js';
import type { StoredVersion } from '../versions/store.js';
import { referencedBlobs, versionBlobs } from './references.js';

/** A blob unreferenced for less than this may belong to an entry being written right now. */
export const ORPHAN_GRACE_MS = 10 * 60_000;

export interface RemovalResult {
  /** Entry files removed (or that would be, with `dryRun`). */
  readonly removed: string[];
  readonly removed_blobs: string[];
  /** Earlier versions removed from entries' histories. */
  readonly removed_versions: number;
  /** Blobs only the removed files used, kept because a writer touched them lately (removed later by prune or verify --fix). */
  readonly kept_blobs: string[];
  /** Entries left alone because they are pinned (`includePinned` removes them too). */
  readonly skipped_pinned: string[];
  readonly freed_bytes: number;
  readonly dry_run: boolean;
}

export interface Removal {
  readonly entries: readonly IndexedEntry[];
  /** Remove the entries' whole histories too (clear), or only the versions listed (prune). */
  readonly withHistory: boolean;
  readonly versions?: readonly { readonly entryFile: string; readonly version: StoredVersion }[];
  readonly skippedPinned: readonly string[];
  readonly dryRun: boolean;
}

/**
 * Remove entry files and history versions, then the blobs that no file left on disk refers to.
 * What still refers to a blob is read from the files themselves (entries, checked against their
 * identities, and history versions), never from the index alone. A blob that only the removed
 * files used stays while it is younger than the grace period: a writer in another process that
 * stored or reused it (which touches it) may be about to refer to it, and no file says so yet.
 */
export function removeFiles(context: CacheContext, view: IndexView, removal: Removal): RemovalResult {
  const { dryRun } = removal;
  // Blobs the removed files used, and their sizes.
  const candidates = new Map<string, number>();
  const consider = (sha256: string, bytes: number) => candidates.set(sha256, bytes);
  const removed: string[] = [];
  let freed = 0;
  let removedVersions = 0;
  const removedVersionPaths = new Set<string>();
  const removeVersion = (version: StoredVersion) => {
    for (const blob of versionBlobs(context, version)) consider(blob.sha256, blob.bytes);
    if (!dryRun) context.versions.remove(version);
    removedVersionPaths.add(version.path);
    freed += version.bytes;
    removedVersions += 1;
  };
  for (const entry of removal.entries) {
    if (!dryRun && !unlinkEntry(context, entry.file)) continue;
    view.apply({ op: 'del', file: entry.file });
    removed.push(entry.file);
    freed += entry.size_bytes;
    for (const blob of entry.blobs) consider(blob.sha256, blob.bytes);
    if (removal.withHistory) {
      // The versions listed now; one that another process keeps meanwhile stays, with its folder.
      for (const version of context.versions.list(entry.file)) removeVersion(version);
      if (!dryRun) context.versions.removeFolderIfEmpty(entry.file);
    }
  }
  for (const { version } of removal.versions ?? []) removeVersion(version);

  // The view no longer holds the removed entries; a dry run still has their versions on disk.
  const stillReferenced = referencedBlobs(context, view, { versions: removedVersionPaths });
  const removedBlobs: string[] = [];
  const keptBlobs: string[] = [];
  const now = Date.now();
  for (const [sha256, bytes] of candidates) {
    if (stillReferenced.has(sha256)) continue;
    const stats = context.blobs.statSync(sha256);
    if (!stats) continue;
    if (now - stats.mtimeMs < ORPHAN_GRACE_MS) {
      keptBlobs.push(sha256);
      continue;
    }
    if (!dryRun) context.blobs.deleteSync(sha256);
    removedBlobs.push(sha256);
    freed += bytes;
  }
  if (!dryRun) context.activity.forget(removed);
  return {
    removed,
    removed_blobs: removedBlobs,
    removed_versions: removedVersions,
    kept_blobs: keptBlobs,
    skipped_pinned: [...removal.skippedPinned],
    freed_bytes: freed,
    dry_run: dryRun,
  };
}

function unlinkEntry(context: CacheContext, file: string): boolean {
  try {
    unlinkSync(context.absolutePathOf(file));
  } catch (error) {
    if (!isNotFoundError(error)) {
      context.warnUnwritable(error, `removing ${file}`);
      return false;
    }
  }
  context.index.recordDelete(file);
  return true;
}

/** Age of a file in milliseconds, or undefined when it is gone. */
export function fileAgeMs(path: string, now = Date.now()): number | undefined {
  const stats = statSync(path, { throwIfNoEntry: false });
  return stats ? now - stats.mtimeMs : undefined;
}
