/**
 * A store shared by several machines (the team's Redis, or any store of yours). The cache core
 * talks only to this interface; `RedisStore` and `MemoryStore` implement it, and the contract
 * suite in `test-support/shared-store-contract.ts` is what any implementation must pass.
 *
 * A store reports every transport failure by throwing a `SharedStoreError`, and a value it holds
 * that cannot be a value it wrote (malformed, contradictory, over the limits it is given) by
 * throwing a `SharedValueError`; it never reads more than the limits allow. It does not judge the
 * bytes themselves: the tier checks digests and signatures before anything is promoted.
 */
export interface SharedStore {
  /** What the store is, for status reports ("redis", "memory", your own). */
  readonly kind: string;
  /** Where the store is, safe to print (passwords redacted). */
  readonly location: string;
  /** An entry file's bytes and the signature published with them, or undefined when the store has none. */
  readEntry(file: string, limits: ReadLimits): Promise<SharedEntry | undefined>;
  writeEntry(file: string, bytes: Buffer, signature?: string): Promise<void>;
  /** A blob's size as stored and its bytes chunk by chunk, or undefined when the store has no such blob. */
  readBlob(sha256: string, limits: ReadLimits): Promise<SharedBlob | undefined>;
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

/** Bounds on a read: a value larger than this is refused before its bytes are fetched. */
export interface ReadLimits {
  readonly maxBytes: number;
}

export interface SharedEntry {
  readonly bytes: Buffer;
  /** `hmac-sha256:<hex>` when the publisher signed it. */
  readonly signature?: string;
}

export interface SharedBlob {
  readonly bytes: number;
  /** The bytes, in order; the iterator throws SharedValueError when a chunk contradicts the size. */
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

/** A value in the store that cannot be trusted to be one we wrote: malformed, contradictory or too large. */
export class SharedValueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SharedValueError';
  }
}

/** The bytes handed to the store for writing could not be read: a local problem, not the store's. */
export class SharedSourceError extends Error {
  constructor(options: { cause: unknown }) {
    super(`cannot read the bytes to upload: ${(options.cause as Error)?.message ?? String(options.cause)}`, options);
    this.name = 'SharedSourceError';
  }
}
