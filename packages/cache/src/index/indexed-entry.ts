import type { BlobRef, EntryMetadata } from '../entries/format.js';
import type { CorruptReason } from '../errors.js';

export type EntryStatus = 'ok' | 'legacy' | 'stale' | 'corrupt';

/** What list, stats, clear and prune need to know of an entry, kept so they never open entry files. */
export interface IndexedEntry {
  readonly file: string;
  readonly data_type: string;
  readonly parameters: { readonly country: string; readonly genre: string; readonly platform: string };
  readonly saved_timestamp: number;
  readonly saved_datetime: string;
  readonly size_bytes: number;
  readonly blobs: readonly BlobRef[];
  readonly legacy: boolean;
  readonly producer?: string;
  readonly produce_ms?: number;
  readonly cost_usd?: number;
  /** Set when the last read found the fingerprint changed; cleared by the next write. */
  readonly stale_reasons?: readonly string[];
  /** Set for a file found on disk that does not parse (it stays until read or verified). */
  readonly corrupt?: CorruptReason;
}

export function indexedEntryFrom(
  file: string,
  metadata: EntryMetadata,
  sizeBytes: number,
  legacy: boolean,
): IndexedEntry {
  const { country, genre, platform } = metadata.parameters;
  return {
    file,
    data_type: metadata.data_type,
    parameters: { country, genre, platform },
    saved_timestamp: metadata.saved_timestamp,
    saved_datetime: metadata.saved_datetime,
    size_bytes: sizeBytes,
    blobs: metadata.blobs ?? [],
    legacy,
    ...(metadata.producer !== undefined && { producer: metadata.producer }),
    ...(metadata.produce_ms !== undefined && { produce_ms: metadata.produce_ms }),
    ...(metadata.cost_usd !== undefined && { cost_usd: metadata.cost_usd }),
  };
}

export function corruptIndexedEntry(
  file: string,
  reason: CorruptReason,
  sizeBytes: number,
  modifiedMs: number,
): IndexedEntry {
  return {
    file,
    data_type: 'unknown',
    parameters: { country: '', genre: '', platform: '' },
    saved_timestamp: modifiedMs / 1000,
    saved_datetime: '',
    size_bytes: sizeBytes,
    blobs: [],
    legacy: false,
    corrupt: reason,
  };
}

export function statusOf(entry: IndexedEntry): EntryStatus {
  if (entry.corrupt) return 'corrupt';
  if (entry.stale_reasons) return 'stale';
  return entry.legacy ? 'legacy' : 'ok';
}
