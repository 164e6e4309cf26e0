import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Readable } from 'node:stream';
import type { ActivityEvent, ActivitySummary } from './activity/log.js';
import type { JsonValue } from './entries/canonical-json.js';
import { createContext, type CacheContext, type CacheOptions } from './context.js';
import type { ByteRange } from './blobs/store.js';
import type { BlobRef } from './entries/format.js';
import { keptVersionBlobs } from './housekeeping/references.js';
import type { EntryFilter } from './entries/filter.js';
import { assertParameters, entryFileName, type EntryParameters } from './entries/name.js';
import { readEntry, type ReadOptions, type ReadResult } from './entries/read.js';
import { splitParameters } from './entries/location.js';
import { writeEntry, type WriteOptions } from './entries/write.js';
import { BlobNotFoundError, EntryNotFoundError } from './errors.js';
import { explainEntry, type EntryWhy } from './explain/why.js';
import { diffVersions, type DiffOptions, type EntryDiff } from './versions/diff.js';
import { entryHistory, type EntryHistory } from './versions/history.js';
import { restoreVersion, type RestoreResult } from './versions/restore.js';
import { replacedSince, type ReplacedEntry } from './versions/review.js';
import { getOrCreate, type GetOrCreateOptions, type GetOrCreateResult, type ProduceContext } from './get-or-create.js';
import { clearEntries, type ClearOptions } from './housekeeping/clear.js';
import { pruneEntries, type PruneOptions } from './housekeeping/prune.js';
import type { RemovalResult } from './housekeeping/remove.js';
import { inspectEntry, type InspectedEntry } from './entries/inspect.js';
import { listEntries, type ListResult } from './index/list.js';
import { cacheStats, type CacheStats } from './index/stats.js';
import { localCopyOf } from './blobs/local-copies.js';
import { putSecretFree } from './secrets/blob-source.js';
import type { CacheMode } from './options/modes.js';
import type { SharedStatus } from './shared/tier.js';
import { verifyCache, type VerifyOptions, type VerifyReport } from './housekeeping/verify.js';

/** Parameters as callers pass them: the three that name the entry; any other key is an input. */
export type CacheParameters = EntryParameters & Readonly<Record<string, JsonValue>>;

export interface SaveResult {
  /** True when the entry is on disk; false when the mode forbids writing or the cache cannot be written. */
  readonly written: boolean;
  readonly file: string;
  readonly path: string;
}

/** The test data cache: one directory of entries and blobs, and everything you can ask of it. */
export interface Cache {
  /** The directory as given (relative paths stay relative). */
  readonly directory: string;
  /** Which mode applies to a data type, from options and the environment. */
  modeFor(dataType: string): CacheMode;
  /** The entry's file name, e.g. `script_result_us_horror_netflix.json`. */
  fileName(dataType: string, parameters: EntryParameters): string;
  /** Read an entry. Honours the mode: `off` and `refresh` always miss. Never throws for a bad file. */
  load<T = JsonValue>(dataType: string, parameters: CacheParameters, options?: ReadOptions<T>): ReadResult<T>;
  /** Save an entry atomically. Honours the mode: `off` and `readonly` write nothing. */
  save(dataType: string, parameters: CacheParameters, data: unknown, options?: WriteOptions): SaveResult;
  /** Read the entry, or produce, save and return it (once per entry per process, however many ask). */
  getOrCreate<T>(
    dataType: string,
    parameters: CacheParameters,
    produce: (context: ProduceContext) => Promise<T> | T,
    options?: GetOrCreateOptions<T>,
  ): Promise<GetOrCreateResult<T>>;
  /** Store a file or stream as a blob (streamed, deduplicated). */
  putBlob(source: string | Readable, mediaType: string): Promise<BlobRef>;
  /** Copy a blob to `destination`, checking its digest; throws BlobNotFoundError or BlobCorruptError. */
  restoreBlob(sha256: string, destination: string): Promise<void>;
  /**
   * Put a blob at `destination` without copying its bytes where the file system allows (a reflink,
   * else a hard link to the stored file, which is read-only), else as `restoreBlob` does.
   */
  placeBlob(sha256: string, destination: string): Promise<'reflink' | 'link' | 'copy'>;
  hasBlob(ref: Pick<BlobRef, 'sha256' | 'bytes'>): boolean;
  /** A blob's bytes as a stream (for serving). Check `hasBlob` first. */
  openBlob(sha256: string, range?: ByteRange): Readable;
  /** One entry file's metadata and data, by file name, without recording a hit. */
  inspect(file: string): InspectedEntry | undefined;
  list(filter?: EntryFilter): ListResult;
  stats(): CacheStats;
  activity(): ActivitySummary;
  recentActivity(limit?: number): ActivityEvent[];
  clear(filter?: EntryFilter, options?: ClearOptions): RemovalResult;
  prune(options: PruneOptions): RemovalResult;
  verify(options?: VerifyOptions): Promise<VerifyReport>;
  /** `cache why`: what an entry was made from, by whom, when, at what cost, its lineage and its dependents. */
  why(file: string): EntryWhy;
  /** The versions of an entry, newest first: 0 is the file in place, 1 the one it replaced… */
  history(file: string): EntryHistory;
  /** Two versions of an entry compared: data path by path, long text word by word, blobs side by side. */
  diff(file: string, options?: DiffOptions): Promise<EntryDiff>;
  /** Make an earlier version current again (the current one goes to the history). */
  restore(file: string, version: number): RestoreResult;
  /** Pin an entry as a golden fixture: no run, refresh, clear or prune replaces or removes it. Returns false when it already was. */
  pin(file: string): boolean;
  unpin(file: string): boolean;
  /** Entries replaced at or after `sinceMs` (epoch ms), most recent first, for `cache review`. */
  replacedSince(sinceMs: number): ReplacedEntry[];
  /** The blobs that versions kept in entries' histories refer to (an older poster or clip), by digest. */
  historyBlobs(): Map<string, BlobRef>;
  /**
   * The shared tier as it is now: configured or not, reachable or not, how many entries it holds
   * and how many hits it served here. Never throws; asks Redis even while the tier is cooling down.
   */
  sharedStatus(): Promise<SharedStatus>;
  /** Release connections held for shared tiers; a directory-only cache holds none. */
  close(): Promise<void>;
}

const contexts = new WeakMap<Cache, CacheContext>();

export function createCache(options: CacheOptions = {}): Cache {
  const context = createContext(options);
  const cache = new DirectoryCache(context);
  contexts.set(cache, context);
  return cache;
}

/** The context behind a cache made by `createCache` (for bundles, which work on the directory itself). */
export function contextOf(cache: Cache): CacheContext {
  const context = contexts.get(cache);
  if (!context) throw new TypeError('expected a cache made by createCache()');
  return context;
}

class DirectoryCache implements Cache {
  constructor(private readonly context: CacheContext) {}

  get directory(): string {
    return this.context.directory;
  }

  modeFor(dataType: string): CacheMode {
    return this.context.modeFor(dataType);
  }

  fileName(dataType: string, parameters: EntryParameters): string {
    return entryFileName(dataType, parameters);
  }

  load<T = JsonValue>(dataType: string, raw: CacheParameters, options: ReadOptions<T> = {}): ReadResult<T> {
    const { parameters, inputs } = this.split(raw, options.inputs);
    const mode = this.context.modeFor(dataType);
    if (mode === 'off' || mode === 'refresh') {
      const file = entryFileName(dataType, parameters);
      return { status: 'miss', reasons: [`cache mode is ${mode}`], file, path: `${this.context.directory}/${file}` };
    }
    return readEntry(this.context, dataType, parameters, { ...options, ...(inputs && { inputs }) });
  }

  save(dataType: string, raw: CacheParameters, data: unknown, options: WriteOptions = {}): SaveResult {
    const { parameters, inputs } = this.split(raw, options.inputs);
    const mode = this.context.modeFor(dataType);
    if (mode === 'off' || mode === 'readonly') {
      const file = entryFileName(dataType, parameters);
      return { written: false, file, path: `${this.context.directory}/${file}` };
    }
    const result = writeEntry(this.context, dataType, parameters, data, { ...options, ...(inputs && { inputs }) });
    return { written: result.metadata !== undefined, file: result.file, path: result.path };
  }

  getOrCreate<T>(
    dataType: string,
    raw: CacheParameters,
    produce: (context: ProduceContext) => Promise<T> | T,
    options: GetOrCreateOptions<T> = {},
  ): Promise<GetOrCreateResult<T>> {
    const { parameters, inputs } = this.split(raw, options.inputs);
    return getOrCreate(this.context, dataType, parameters, produce, { ...options, ...(inputs && { inputs }) });
  }

  putBlob(source: string | Readable, mediaType: string): Promise<BlobRef> {
    return typeof source === 'string'
      ? putSecretFree(this.context, source, mediaType)
      : this.context.blobs.put(source, mediaType);
  }

  async restoreBlob(sha256: string, destination: string): Promise<void> {
    if (this.context.blobs.statSync(sha256)) return this.context.blobs.restore(sha256, destination);
    const local = localCopyOf(sha256);
    if (!local) throw new BlobNotFoundError(sha256);
    if (local === destination) return;
    await mkdir(dirname(destination), { recursive: true });
    await this.context.blobs.restore(sha256, destination, local).catch(async (error: unknown) => {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new BlobNotFoundError(sha256);
      throw error;
    });
  }

  async placeBlob(sha256: string, destination: string): Promise<'reflink' | 'link' | 'copy'> {
    if (!this.context.blobs.statSync(sha256)) {
      await this.restoreBlob(sha256, destination);
      return 'copy';
    }
    return this.context.blobs.place(sha256, destination);
  }

  hasBlob(ref: Pick<BlobRef, 'sha256' | 'bytes'>): boolean {
    return this.context.blobs.has(ref);
  }

  openBlob(sha256: string, range?: ByteRange): Readable {
    return this.context.blobs.openRead(sha256, range);
  }

  inspect(file: string): InspectedEntry | undefined {
    return inspectEntry(this.context, file);
  }

  list(filter?: EntryFilter): ListResult {
    return listEntries(this.context, filter);
  }

  stats(): CacheStats {
    return cacheStats(this.context);
  }

  activity(): ActivitySummary {
    return this.context.activity.summary();
  }

  recentActivity(limit = 200): ActivityEvent[] {
    return this.context.activity.recent(limit);
  }

  clear(filter?: EntryFilter, options?: ClearOptions): RemovalResult {
    return clearEntries(this.context, filter, options);
  }

  prune(options: PruneOptions): RemovalResult {
    return pruneEntries(this.context, options);
  }

  verify(options?: VerifyOptions): Promise<VerifyReport> {
    return verifyCache(this.context, options);
  }

  why(file: string): EntryWhy {
    return explainEntry(this.context, file);
  }

  history(file: string): EntryHistory {
    return entryHistory(this.context, file);
  }

  diff(file: string, options?: DiffOptions): Promise<EntryDiff> {
    return diffVersions(this.context, file, options);
  }

  restore(file: string, version: number): RestoreResult {
    return restoreVersion(this.context, file, version);
  }

  pin(file: string): boolean {
    if (!this.inspect(file)) throw new EntryNotFoundError(file, this.context.directory);
    return this.context.pins.set(file, true, this.context.now());
  }

  unpin(file: string): boolean {
    return this.context.pins.set(file, false, this.context.now());
  }

  replacedSince(sinceMs: number): ReplacedEntry[] {
    return replacedSince(this.context, sinceMs);
  }

  historyBlobs(): Map<string, BlobRef> {
    return keptVersionBlobs(this.context);
  }

  async sharedStatus(): Promise<SharedStatus> {
    const hits = this.context.activity.summary().hits_by_tier['redis'] ?? 0;
    if (!this.context.shared)
      return { configured: false, reachable: false, hits_from_shared: hits, rejected_values: 0 };
    return this.context.shared.status(hits);
  }

  async close(): Promise<void> {
    await this.context.shared?.close();
  }

  private split(raw: CacheParameters, inputs: WriteOptions['inputs']) {
    assertParameters(raw);
    const { parameters, extraInputs } = splitParameters(raw);
    const merged = Object.keys(extraInputs).length > 0 ? { ...extraInputs, ...inputs } : inputs;
    return { parameters, inputs: merged };
  }
}
