import type { BlobRef } from '@streamgank/cache';
import type { CacheListings } from './cache-listings.js';

/**
 * The blobs that versions kept in entries' histories refer to, so that the history view can show
 * an older poster or clip through the digest-only blob route. The cache's public API lists a
 * version's blobs only through `diff` (a version compared with itself costs no text diff), so they
 * are collected that way: over the entries with a history (those `replacedSince` finds, and pinned
 * ones, whose candidates may be all they keep), once per cache version. A candidate is added
 * without changing the entries, so the version here is the one that moves with any change.
 */
export class KeptVersionBlobs {
  private collected: { readonly version: string; readonly blobs: Promise<Map<string, BlobRef>> } | undefined;

  constructor(private readonly listings: CacheListings) {}

  find(cacheVersion: string, entriesVersion: string, sha256: string): Promise<BlobRef | undefined> {
    if (this.collected?.version !== cacheVersion) {
      this.collected = { version: cacheVersion, blobs: this.collect(entriesVersion) };
    }
    return this.collected.blobs.then((blobs) => blobs.get(sha256));
  }

  private async collect(entriesVersion: string): Promise<Map<string, BlobRef>> {
    const { cache } = this.listings;
    const blobs = new Map<string, BlobRef>();
    const files = new Set([
      ...cache.replacedSince(0).map((entry) => entry.file),
      ...this.listings
        .all(entriesVersion)
        .filter((entry) => entry.pinned)
        .map((entry) => entry.filename),
    ]);
    for (const file of files) {
      try {
        for (const version of cache.history(file).versions) {
          if (version.current) continue;
          const diff = await cache.diff(file, { from: version.version, to: version.version });
          for (const pair of diff.blobs) {
            for (const facts of [pair.before, pair.after]) {
              if (facts)
                blobs.set(facts.sha256, { sha256: facts.sha256, bytes: facts.bytes, media_type: facts.media_type });
            }
          }
        }
      } catch {
        // The entry changed under us (cleared, replaced): its blobs are looked for again at the next version.
      }
    }
    return blobs;
  }
}
