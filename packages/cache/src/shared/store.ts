/**
 * A store shared by several machines (the team's Redis). The cache core talks only to this
 * interface; `RedisStore` implements it. A store reports every transport failure by throwing
 * a `SharedStoreError`; the tier above it decides what that means (skip the store for a while).
 * A store never judges the bytes it returns: the tier checks them before anything is promoted.
 */
export interface SharedStore {
  readonly kind: 'redis';
  /** Where the store is, safe to print (passwords redacted). */
  readonly location: string;
  /** An entry file's bytes, or undefined when the store has no such entry. */
  readEntry(file: string): Promise<Buffer | undefined>;
  writeEntry(file: string, bytes: Buffer): Promise<void>;
  /** A blob's size as stored and its bytes chunk by chunk, or undefined when the store has no such blob. */
  readBlob(sha256: string): Promise<SharedBlob | undefined>;
  /** True when the blob is there already; a TTL, if any, is renewed. */
  touchBlob(sha256: string): Promise<boolean>;
  /** Store a blob from its chunks; readers never see a partly written blob. */
  writeBlob(sha256: string, bytes: number, chunks: AsyncIterable<Buffer>): Promise<void>;
  /** Take the named lock for `ttlMs`, or return undefined when someone else holds it. */
  tryLock(name: string, ttlMs: number): Promise<SharedLock | undefined>;
  isLocked(name: string): Promise<boolean>;
  countEntries(): Promise<number>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface SharedBlob {
  readonly bytes: number;
  readonly chunks: AsyncIterable<Buffer>;
}

export interface SharedLock {
  /** Keep the lock for another `ttlMs`; false when it was lost (expired and taken by someone else). */
  extend(ttlMs: number): Promise<boolean>;
  /** Release the lock if it is still ours. */
  release(): Promise<void>;
}

/** The shared store could not be reached, timed out or answered with an error. */
export class SharedStoreError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SharedStoreError';
  }
}

/** The bytes handed to the store for writing could not be read: a local problem, not the store's. */
export class SharedSourceError extends Error {
  constructor(options: { cause: unknown }) {
    super(`cannot read the bytes to upload: ${(options.cause as Error)?.message ?? String(options.cause)}`, options);
    this.name = 'SharedSourceError';
  }
}
