import type { CorruptReason } from '../errors.js';
import type { ParsedEntry } from '../entries/format.js';
import type { FileContent } from '../entries/content.js';
import type { BlobRef } from '../entries/format.js';
import { entryFileName } from '../entries/name.js';
import type { FileIdentity } from '../files/identity.js';

/** What the index keeps of a file at the top of the directory: ours, the Python version's, corrupt or foreign. */
export type RecordKind = 'entry' | 'corrupt' | 'foreign';

/** What list, stats, clear and prune need to know of a file, kept so that they never open it. */
export interface IndexedEntry {
  readonly file: string;
  readonly kind: RecordKind;
  /** The file as it was when this record was made; a different identity on disk means re-read it. */
  readonly identity: FileIdentity | undefined;
  readonly data_type: string;
  readonly parameters: { readonly country: string; readonly genre: string; readonly platform: string };
  readonly saved_timestamp: number;
  readonly saved_datetime: string;
  readonly size_bytes: number;
  readonly blobs: readonly BlobRef[];
  readonly legacy: boolean;
  readonly edited: boolean;
  readonly producer?: string;
  readonly produce_ms?: number;
  readonly cost_usd?: number;
  /** Set when the last read found the fingerprint changed; cleared by the next write. */
  readonly stale_reasons?: readonly string[];
  /** Why a corrupt file cannot be read as an entry (it stays until read, verified or cleared). */
  readonly corrupt?: CorruptReason;
  /** The seed name of this entry, when the file has another name (Python-era, collision, copied in). */
  readonly primary?: string;
  /** The entry files this one was made from (its lineage), so `why` can find what depends on an entry. */
  readonly upstream?: readonly string[];
}

const NO_PARAMETERS = { country: '', genre: '', platform: '' } as const;

export function recordOfEntry(
  file: string,
  entry: Pick<ParsedEntry, 'metadata' | 'legacy' | 'edited'>,
  sizeBytes: number,
  identity: FileIdentity | undefined,
): IndexedEntry {
  const { metadata } = entry;
  const { country, genre, platform } = metadata.parameters;
  const primary = primaryNameOf(metadata.data_type, metadata.parameters);
  return {
    file,
    kind: 'entry',
    identity,
    data_type: metadata.data_type,
    parameters: { country, genre, platform },
    saved_timestamp: metadata.saved_timestamp,
    saved_datetime: metadata.saved_datetime,
    size_bytes: sizeBytes,
    blobs: metadata.blobs ?? [],
    legacy: entry.legacy,
    edited: entry.edited,
    ...(metadata.producer !== undefined && { producer: metadata.producer }),
    ...(metadata.produce_ms !== undefined && { produce_ms: metadata.produce_ms }),
    ...(metadata.cost_usd !== undefined && { cost_usd: metadata.cost_usd }),
    ...(primary !== undefined && primary !== file && { primary }),
    ...(metadata.upstream &&
      metadata.upstream.length > 0 && { upstream: metadata.upstream.map((entry) => entry.file) }),
  };
}

/** A record of whatever `content` turned out to be. */
export function recordOfContent(
  file: string,
  content: FileContent,
  sizeBytes: number,
  identity: FileIdentity | undefined,
): IndexedEntry {
  if (content.kind === 'entry') return recordOfEntry(file, content.entry, sizeBytes, identity);
  return {
    file,
    kind: content.kind,
    identity,
    data_type: content.kind === 'corrupt' ? 'unknown' : '',
    parameters: NO_PARAMETERS,
    saved_timestamp: (identity?.mtimeMs ?? 0) / 1000,
    saved_datetime: '',
    size_bytes: sizeBytes,
    blobs: [],
    legacy: false,
    edited: false,
    ...(content.kind === 'corrupt' && { corrupt: content.reason }),
  };
}

/** The seed name for an entry's parameters; undefined when they cannot name a file (hand-made metadata). */
function primaryNameOf(dataType: string, parameters: ParsedEntry['metadata']['parameters']): string | undefined {
  try {
    return entryFileName(dataType, parameters);
  } catch {
    return undefined;
  }
}
