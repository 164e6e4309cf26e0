import type { BlobRef } from '@streamgank/cache';
import type { CacheListings } from './cache-listings.js';

/**
 * The blobs that versions kept in entries' histories refer to, so that the history view can show
 * an older poster or clip through the digest-only blob route. Read once per cache version: a
 * version kept, trimmed or cleared changes it.
 */
export class KeptVersionBlobs {
  private collected: { readonly version: string; readonly blobs: Map<string, BlobRef> } | undefined;

  constructor(private readonly listings: CacheListings) {}

  find(cacheVersion: string, sha256: string): BlobRef | undefined {
    if (this.collected?.version !== cacheVersion) {
      this.collected = { version: cacheVersion, blobs: this.listings.cache.historyBlobs() };
    }
    return this.collected.blobs.get(sha256);
  }
}
