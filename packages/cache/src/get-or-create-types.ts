import type { BlobRef, EntryMetadata } from './entries/format.js';
import type { FingerprintInputs } from './entries/fingerprint.js';
import type { EntryParameters } from './entries/name.js';
import type { DataSchema } from './entries/read.js';
import type { Explanation, UpstreamEntry } from './explain/explanation.js';
import type { CacheMode } from './options/modes.js';

/** Why a result was produced rather than read. */
export type ProduceReason = 'miss' | 'stale' | 'corrupt' | 'refresh' | 'off';

/** Handed to a producer: store its files as blobs and say who produced the data and at what cost. */
export interface ProduceContext {
  readonly dataType: string;
  readonly parameters: EntryParameters;
  readonly reason: ProduceReason;
  /**
   * Store a file the producer made as a blob and return its reference. When the cache is off or
   * cannot be written the file is only hashed, and `restoreBlob` copies it from where it is.
   */
  putBlob(path: string, mediaType: string): Promise<BlobRef>;
  /** Who made the data, e.g. "openai:gpt-4o-mini" or "ffmpeg". */
  setProducer(producer: string): void;
  /** Add token counts (or other units) and their cost in US dollars. */
  addUsage(usage: Readonly<Record<string, number>>, costUsd?: number): void;
}

export interface GetOrCreateOptions<T> {
  readonly inputs?: FingerprintInputs;
  readonly schema?: DataSchema<T>;
  /** This call's mode, over every other setting. */
  readonly mode?: CacheMode;
  /**
   * The entries this result is made from (a chained step's earlier steps): recorded as its lineage
   * (`cache why`), and part of its fingerprint, so that when one changes, the stale read names it.
   */
  readonly upstream?: readonly UpstreamEntry[];
}

export interface GetOrCreateResult<T> {
  readonly data: T;
  /** `hit`: read from the cache. `produced`: made by the producer (and saved, when `saved`). */
  readonly source: 'hit' | 'produced';
  readonly reason?: ProduceReason;
  /** For a stale entry: what changed, e.g. `num_movies: 3 → 5`. */
  readonly reasons: readonly string[];
  readonly file: string;
  readonly path: string;
  readonly saved: boolean;
  readonly metadata?: EntryMetadata;
  readonly mode: CacheMode;
  /** Why it was served or produced: the entry hit, or what was missing, stale (each changed input, each changed upstream entry) or corrupt. */
  readonly explanation: Explanation;
  /**
   * Set when the entry is pinned and the result was produced anyway (a refresh): the result was kept
   * as a candidate version in the entry's history (this id), and the pinned entry stays as it was.
   */
  readonly pinned_candidate?: string;
}

export type Producer<T> = (context: ProduceContext) => Promise<T> | T;
