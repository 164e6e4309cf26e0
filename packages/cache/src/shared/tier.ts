import { digestingStage } from '../blobs/digesting-stage.js';
import { createWriteStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { unlinkQuietly } from '../files/atomic-file.js';
import type { CircuitBreakerPolicy } from 'cockatiel';
import type { BlobRef } from '../entries/format.js';
import type { CacheLogger } from '../options/logger.js';
import type { SharedTierSettings } from './settings.js';
import {
  SharedSourceError,
  SharedStoreError,
  SharedValueError,
  type SharedEntry,
  type SharedLock,
  type SharedStore,
} from './store.js';
import type { SharedMode } from './settings.js';
import { signEntry, verifyEntry } from './signing.js';
import { withDeadline } from './deadline.js';
import { isOpenBreakerError, storeBreaker } from './breaker.js';
import type { Attempt, BlobDownload, SharedStatus } from './tier-types.js';

export type { Attempt, BlobDownload, SharedStatus } from './tier-types.js';

const UNAVAILABLE: Attempt<never> = { ok: false };
const REJECTED: Attempt<never> = { ok: false, rejected: true };
/** Bad values remembered so each is reported once; past this many, reporting starts over. */
const MAX_REPORTS = 1000;

/**
 * The shared tier as the cache uses it: a store behind a circuit breaker. Nothing here throws
 * because of the store: a failed call opens the breaker (one warning per outage) and every call
 * until the cool-down ends answers "unavailable" at once, so the run goes on with the local
 * directory alone and a Redis outage costs at most about one command timeout.
 */
export class SharedTier {
  private storePromise: Promise<SharedStore> | undefined;
  private readonly breaker: CircuitBreakerPolicy;
  private closed = false;
  private rejected = 0;
  private readonly oversizeReported = new Set<string>();
  private readonly reported = new Set<string>();

  constructor(
    private readonly openStore: () => Promise<SharedStore>,
    readonly location: string,
    readonly settings: SharedTierSettings,
    private readonly logger: CacheLogger,
    readonly access: { readonly mode: SharedMode; readonly key: string | undefined; readonly kind: string },
  ) {
    this.breaker = storeBreaker(location, settings.retryAfterMs, logger);
  }

  /** True when this process may write to the shared tier (publish, take locks). */
  get writable(): boolean {
    return this.access.mode === 'readwrite';
  }

  /** The signature check for an entry read from the store; true when it may be used. */
  acceptsSignature(
    file: string,
    bytes: Buffer,
    blobDigests: readonly string[],
    signature: string | undefined,
  ): boolean {
    const key = this.access.key;
    if (key === undefined) return true;
    if (verifyEntry(key, file, bytes, blobDigests, signature)) return true;
    this.reject(
      `entry ${file}`,
      signature === undefined ? 'it is not signed with the team key' : 'it is signed with another key',
    );
    return false;
  }

  /**
   * An entry's bytes and signature from the store, within the size limit and the read deadline.
   * A value that is malformed or too large is reported once and read as rejected.
   */
  async readEntry(file: string): Promise<Attempt<SharedEntry | undefined>> {
    const limits = { maxBytes: this.settings.maxEntryBytes };
    return this.attempt(
      (store) =>
        withDeadline(
          store.readEntry(file, limits),
          this.settings.readDeadlineMs,
          `reading entry ${file} took longer than ${this.settings.readDeadlineMs} ms`,
        ),
      `entry ${file}`,
    );
  }

  /**
   * Download a blob into `temp` (which must not exist), hashing it on the way, within the size
   * limit and one deadline for the whole read. Only `ok` leaves a file behind: bytes that do not
   * match the digest, or a value that contradicts itself, are reported and deleted.
   */
  async downloadBlob(ref: Pick<BlobRef, 'sha256' | 'bytes'>, temp: string): Promise<BlobDownload> {
    const limits = { maxBytes: Math.min(this.settings.maxBlobBytes, ref.bytes) };
    const what = `reading blob ${ref.sha256}`;
    const fetched = await this.attempt(async (store): Promise<BlobDownload> => {
      const deadline = AbortSignal.timeout(this.settings.readDeadlineMs);
      const blob = await withDeadline(
        store.readBlob(ref.sha256, limits),
        this.settings.readDeadlineMs,
        `${what} took longer than ${this.settings.readDeadlineMs} ms`,
      );
      if (!blob) return 'absent';
      if (blob.bytes !== ref.bytes)
        throw new SharedValueError(`it holds ${blob.bytes} bytes, the entry says ${ref.bytes}`);
      const digest = digestingStage();
      try {
        await pipeline(blob.chunks, digest.stage, createWriteStream(temp, { flags: 'wx', flush: true }), {
          signal: deadline,
        });
      } catch (error) {
        unlinkQuietly(temp);
        if (deadline.aborted) throw new SharedStoreError(`${what} took longer than ${this.settings.readDeadlineMs} ms`);
        throw error;
      }
      const { sha256: actual, bytes } = digest.result();
      if (actual !== ref.sha256 || bytes !== ref.bytes) {
        unlinkQuietly(temp);
        throw new SharedValueError(`its ${bytes} bytes hash to sha256:${actual}`);
      }
      return 'ok';
    }, `blob sha256:${ref.sha256}`);
    if (!fetched.ok) return fetched.rejected ? 'corrupt' : 'unavailable';
    return fetched.value;
  }

  /**
   * Publish an entry and its blobs, blobs first so that an entry in the store can always find
   * them. An entry with a blob over `maxBlobBytes` is not published: another machine could not use
   * it without the blob. Returns false when nothing was published.
   */
  async publish(
    file: string,
    bytes: Buffer,
    blobs: readonly BlobRef[],
    openBlob: (sha256: string) => Readable,
  ): Promise<boolean> {
    if (!this.writable) return false;
    const oversize = blobs.find((blob) => blob.bytes > this.settings.maxBlobBytes);
    if (oversize) {
      if (!this.oversizeReported.has(file)) {
        this.oversizeReported.add(file);
        this.logger.info(
          `${file} stays in the local cache only: its blob sha256:${oversize.sha256} (${oversize.bytes} bytes) is over ` +
            `the shared tier's limit of ${this.settings.maxBlobBytes} bytes (redis.maxBlobBytes).`,
        );
      }
      return false;
    }
    for (const blob of blobs) {
      const present = await this.attempt((store) => store.touchBlob(blob.sha256));
      if (!present.ok) return false;
      if (present.value) continue;
      let source: Readable;
      try {
        source = openBlob(blob.sha256);
      } catch {
        return false;
      }
      try {
        const uploaded = await this.attempt(
          (store) => store.writeBlob(blob.sha256, blob.bytes, source),
          undefined,
          () => source.destroy(),
        );
        if (!uploaded.ok) return false;
      } catch (error) {
        // The local blob went away (pruned, quarantined) while we published it: keep the entry local.
        if (error instanceof SharedSourceError) return false;
        throw error;
      } finally {
        source.destroy();
      }
    }
    const key = this.access.key;
    const signature =
      key === undefined
        ? undefined
        : signEntry(
            key,
            file,
            bytes,
            blobs.map((blob) => blob.sha256),
          );
    return (await this.attempt((store) => store.writeEntry(file, bytes, signature))).ok;
  }

  tryLock(name: string): Promise<Attempt<SharedLock | undefined>> {
    if (!this.writable) return Promise.resolve(UNAVAILABLE);
    return this.attempt((store) => store.tryLock(name, this.settings.lockTtlMs));
  }

  isLocked(name: string): Promise<Attempt<boolean>> {
    return this.attempt((store) => store.isLocked(name));
  }

  extendLock(lock: SharedLock): Promise<Attempt<boolean>> {
    return this.attempt(() => lock.extend(this.settings.lockTtlMs));
  }

  releaseLock(lock: SharedLock): Promise<Attempt<void>> {
    return this.attempt(() => lock.release());
  }

  /** Bytes from the store that cannot be trusted: never promoted, reported once per value and process. */
  reject(what: string, detail: string): void {
    const report = `${what}\0${detail}`;
    if (this.reported.has(report)) return;
    if (this.reported.size >= MAX_REPORTS) this.reported.clear();
    this.reported.add(report);
    this.rejected += 1;
    this.logger.warn(`the shared cache at ${this.location} holds a bad ${what} (${detail}); ignored it.`);
  }

  /** Look at the store now, whatever the breaker says: this is what a person asked for. */
  async status(hitsFromShared: number): Promise<SharedStatus> {
    const base = {
      configured: true,
      kind: this.access.kind,
      mode: this.access.mode,
      signed: this.access.key !== undefined,
      url: this.location,
      key_prefix: this.settings.keyPrefix,
      hits_from_shared: hitsFromShared,
      rejected_values: this.rejected,
    };
    if (this.closed) return { ...base, reachable: false, error: 'the cache was closed' };
    try {
      const store = await this.store();
      await store.ping();
      const entries = await store.countEntries();
      return { ...base, reachable: true, entries };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      // An outage found by a person's question is an outage all the same: the breaker hears of it
      // (and warns, once per outage), so the calls after it skip the store.
      if (error instanceof SharedStoreError)
        await this.breaker.execute(() => Promise.reject(error)).catch(() => undefined);
      return { ...base, reachable: false, error: message };
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const store = this.storePromise;
    this.storePromise = undefined;
    if (store) await store.then((opened) => opened.close()).catch(() => undefined);
  }

  /**
   * Run `operation` on the store through the breaker. A store failure (or an open breaker) is
   * "unavailable"; a value the store holds that cannot be trusted is "rejected" and reported once
   * (as `what`, when given); anything else is a bug and is thrown.
   */
  private async attempt<T>(
    operation: (store: SharedStore) => Promise<T>,
    what?: string,
    onSkip?: () => void,
  ): Promise<Attempt<T>> {
    if (this.closed) {
      onSkip?.();
      return UNAVAILABLE;
    }
    try {
      return { ok: true, value: await this.breaker.execute(async () => operation(await this.store())) };
    } catch (error) {
      if (isOpenBreakerError(error)) {
        onSkip?.();
        return UNAVAILABLE;
      }
      if (error instanceof SharedValueError) {
        this.reject(what ?? 'value', error.message);
        return REJECTED;
      }
      if (error instanceof SharedStoreError) return UNAVAILABLE;
      throw error;
    }
  }

  private store(): Promise<SharedStore> {
    this.storePromise ??= this.openStore().catch((error: unknown) => {
      this.storePromise = undefined;
      throw new SharedStoreError(`cannot use ${this.location}: ${(error as Error).message}`, { cause: error });
    });
    return this.storePromise;
  }
}
