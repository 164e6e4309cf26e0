import type { CacheContext } from '../context.js';
import type { IndexView } from '../index/view.js';
import type { BlobRef } from '../entries/format.js';
import type { StoredVersion } from '../versions/store.js';

/** Versions kept out of the count (their paths): what a removal is taking away (a dry run has not removed them yet). */
export interface Excluded {
  readonly versions?: ReadonlySet<string>;
}

/**
 * Every blob that a file on disk refers to: entry files (from records checked against the files'
 * identities, so a file renamed or written over since is read again) and the versions kept in
 * the entries' histories. Housekeeping removes only blobs missing from this set.
 */
export function referencedBlobs(context: CacheContext, view: IndexView, excluded: Excluded = {}): Set<string> {
  const referenced = new Set<string>();
  view.forEachRow((row) => {
    for (const sha256 of view.table.blobDigestsOf(row)) referenced.add(sha256);
  });
  for (const entryFile of context.versions.entryFiles()) {
    for (const version of context.versions.list(entryFile)) {
      if (excluded.versions?.has(version.path)) continue;
      for (const blob of versionBlobs(context, version)) referenced.add(blob.sha256);
    }
  }
  return referenced;
}

/**
 * The blobs a kept version lists. Read leniently (a version edited by hand still refers to its
 * blobs), so that housekeeping never removes what a version on disk may need.
 */
export function versionBlobs(
  context: CacheContext,
  version: StoredVersion,
): readonly { sha256: string; bytes: number }[] {
  try {
    const document = JSON.parse(context.versions.read(version)?.toString('utf8') ?? '{}') as {
      metadata?: { blobs?: unknown };
    };
    const blobs = document.metadata?.blobs;
    return Array.isArray(blobs)
      ? blobs.filter(
          (blob): blob is { sha256: string; bytes: number } =>
            typeof blob?.sha256 === 'string' && typeof blob?.bytes === 'number',
        )
      : [];
  } catch {
    return [];
  }
}

/** The blobs that versions kept in entries' histories refer to, by digest (one read of each version). */
export function keptVersionBlobs(context: CacheContext): Map<string, BlobRef> {
  const blobs = new Map<string, BlobRef>();
  for (const entryFile of context.versions.entryFiles()) {
    for (const version of context.versions.list(entryFile)) {
      for (const blob of versionBlobs(context, version)) {
        const mediaType = (blob as { media_type?: unknown }).media_type;
        blobs.set(blob.sha256, {
          sha256: blob.sha256,
          bytes: blob.bytes,
          media_type: typeof mediaType === 'string' ? mediaType : 'application/octet-stream',
        });
      }
    }
  }
  return blobs;
}
