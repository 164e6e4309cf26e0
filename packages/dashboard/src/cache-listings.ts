import type { BlobRef, Cache, ListedEntry } from '@streamgank/cache';

/**
 * What the dashboard works out from the cache's listing (the entries, an order, a search, the
 * blobs they refer to), kept while the cache's entries version stays the same. The page asks
 * again whenever the cache changes and for every page, sort and filter; over 10,000 entries the
 * listing and its ordering are what a request costs, and they change only with the version. A
 * new version drops everything; one version keeps a bounded number of results, the least
 * recently used going first.
 */
export class CacheListings {
  private version: string | undefined;
  private readonly results = new Map<string, unknown>();

  constructor(
    readonly cache: Cache,
    private readonly capacity = 16,
  ) {}

  /** `compute()` once per `version` and `key`. */
  remember<T>(version: string, key: string, compute: () => T): T {
    if (version !== this.version) {
      this.version = version;
      this.results.clear();
    }
    if (this.results.has(key)) {
      const value = this.results.get(key) as T;
      this.results.delete(key);
      this.results.set(key, value);
      return value;
    }
    const value = compute();
    this.results.set(key, value);
    if (this.results.size > this.capacity) this.results.delete(this.results.keys().next().value as string);
    return value;
  }

  /** Every entry, as `cache.list()` lists them: newest first. */
  all(version: string): readonly ListedEntry[] {
    return this.remember(version, 'all', () => this.cache.list().files);
  }

  /** The blob with this digest as an entry refers to it, if one does. */
  referencedBlob(version: string, sha256: string): BlobRef | undefined {
    const blobs = this.remember(version, 'blobs', () => {
      const bySha = new Map<string, BlobRef>();
      for (const entry of this.all(version)) {
        for (const blob of entry.blobs) if (!bySha.has(blob.sha256)) bySha.set(blob.sha256, blob);
      }
      return bySha;
    });
    return blobs.get(sha256);
  }
}
