import { mkdirSync, unlinkSync } from 'node:fs';
import type { CacheContext } from '../context.js';
import { isNotFoundError } from '../errors.js';
import { writeFileAtomic } from '../files/atomic-file.js';
import { readWithIdentity } from '../files/read.js';
import { quarantineFile } from '../housekeeping/quarantine.js';
import { recordOfEntry } from '../index/record.js';
import { localDateTime } from '../options/quantities.js';
import { computeFingerprint, storedInputs, type FingerprintInputs } from './fingerprint.js';
import {
  asJson,
  EntryParseFailure,
  parseEntry,
  serializeEntry,
  type BlobRef,
  type EntryMetadata,
  type ParsedEntry,
} from './format.js';
import { candidateFileNames } from './location.js';
import { entryKey, type EntryParameters } from './name.js';
import type { StoredVersion } from '../versions/store.js';

export interface WriteOptions {
  readonly inputs?: FingerprintInputs;
  readonly producer?: string;
  readonly produceMs?: number;
  readonly costUsd?: number;
  readonly usage?: Readonly<Record<string, number>>;
  readonly blobs?: readonly BlobRef[];
  /** The entries this one was made from (its lineage), recorded in its metadata. */
  readonly upstream?: readonly { readonly data_type: string; readonly file: string; readonly data_sha256: string }[];
}

export interface WrittenEntry {
  readonly file: string;
  readonly path: string;
  /** The metadata written, or undefined when nothing replaced the current file (cannot write, or pinned). */
  readonly metadata: EntryMetadata | undefined;
  readonly bytes: Buffer;
  /** Files that held this entry before and were moved into its history (the replaced version, a Python-era twin). */
  readonly superseded: readonly string[];
  /** Set when the entry is pinned: the new bytes were kept as a candidate version in its history instead. */
  readonly candidate?: StoredVersion;
}

/** What is at one of an entry's names, as far as a writer cares. */
type Occupant =
  | { readonly kind: 'absent' }
  | { readonly kind: 'same'; readonly bytes: Buffer; readonly entry: ParsedEntry }
  | { readonly kind: 'other' }
  | { readonly kind: 'corrupt' };

/**
 * Save an entry atomically (see `installEntry`). Data that is not JSON throws; a cache that cannot
 * be written is reported once and returns no metadata.
 */
export function writeEntry(
  context: CacheContext,
  dataType: string,
  parameters: EntryParameters,
  data: unknown,
  options: WriteOptions = {},
): WrittenEntry {
  const now = new Date(context.now());
  const inputs = options.inputs ?? {};
  const blobs = dedupeBlobs(options.blobs ?? []);
  // Secrets never reach the disk: the data, and what the metadata records from the caller.
  const safeData = context.secrets.redact(asJson(data), 'data');
  const described = context.secrets.redact(
    { inputs: storedInputs(inputs), ...(options.producer !== undefined && { producer: options.producer }) },
    'metadata',
  );
  const redactions = [...safeData.redactions, ...described.redactions];
  const { bytes, metadata } = serializeEntry(safeData.value, {
    data_type: dataType,
    parameters: { country: parameters.country, genre: parameters.genre, platform: parameters.platform },
    saved_timestamp: now.getTime() / 1000,
    saved_datetime: localDateTime(now),
    inputs_fingerprint: computeFingerprint(inputs),
    ...described.value,
    ...(options.produceMs !== undefined && { produce_ms: Math.round(options.produceMs) }),
    ...(options.costUsd !== undefined && { cost_usd: options.costUsd }),
    ...(options.usage !== undefined && { usage: { ...options.usage } }),
    ...(blobs.length > 0 && { blobs }),
    ...(options.upstream &&
      options.upstream.length > 0 && { upstream: options.upstream.map((entry) => ({ ...entry })) }),
    ...(redactions.length > 0 && { redactions }),
  });
  const written = installEntry(context, { bytes, metadata, legacy: false, edited: false });
  context.secrets.report(`cache entry ${written.file}`, redactions, 'took out before saving');
  if (written.metadata) {
    context.activity.record({
      t: context.now(),
      ev: 'write',
      file: written.file,
      type: dataType,
      ...(options.produceMs !== undefined && { ms: Math.round(options.produceMs) }),
    });
  }
  return written;
}

/**
 * Put an entry file's bytes in place (a save, a promotion from the shared tier, an import), so
 * that a reader sees the old file or the new one. The version it replaces, and any other file
 * holding the same entry under another of its names (the Python version's, a collision name), go
 * to the entry's history rather than away. When the seed name holds a different entry, this one
 * takes its collision name. A pinned entry is not replaced: the bytes become a candidate version.
 */
export function installEntry(
  context: CacheContext,
  entry: {
    readonly bytes: Buffer;
    readonly metadata: EntryMetadata;
    readonly legacy: boolean;
    readonly edited: boolean;
  },
  options: { readonly what?: string; readonly overridePin?: boolean } = {},
): WrittenEntry {
  const { bytes, metadata } = entry;
  const { data_type: dataType, parameters } = metadata;
  const names = candidateFileNames(dataType, parameters);
  const key = entryKey(dataType, parameters);
  let file = names.primary;
  const superseded: string[] = [];
  try {
    const atPrimary = occupantOf(context, names.primary, key);
    if (atPrimary.kind === 'other') file = names.alternate;
    if (!options.overridePin && context.pins.isPinned(file)) {
      const candidate = context.versions.keep(names.primary, bytes, metadata.saved_timestamp, {
        candidate: true,
        durable: context.durable,
      });
      return { file, path: context.pathOf(file), metadata: undefined, bytes, superseded, candidate };
    }
    mkdirSync(context.layout.root, { recursive: true });
    const previous = file === names.primary ? atPrimary : occupantOf(context, file, key);
    if (previous.kind === 'same') keepAsVersion(context, names.primary, previous);
    if (previous.kind === 'corrupt') quarantineFile(context.layout, context.absolutePathOf(file), 'replaced');
    const identity = writeFileAtomic(context.absolutePathOf(file), bytes, { durable: context.durable });
    context.index.recordPut(recordOfEntry(file, entry, bytes.length, identity));
    for (const twin of [names.primary, names.alternate, names.legacy]) {
      if (twin === undefined || twin === file) continue;
      const occupant = twin === names.primary ? atPrimary : occupantOf(context, twin, key);
      if (occupant.kind !== 'same') continue;
      keepAsVersion(context, names.primary, occupant);
      if (removeFile(context, twin)) superseded.push(twin);
    }
  } catch (error) {
    context.warnUnwritable(error, `${options.what ?? 'saving'} ${file}`);
    context.activity.record({ t: context.now(), ev: 'write_failed', file, type: dataType });
    return { file, path: context.pathOf(file), metadata: undefined, bytes, superseded };
  }
  return { file, path: context.pathOf(file), metadata, bytes, superseded };
}

function occupantOf(context: CacheContext, file: string, key: string): Occupant {
  let bytes: Buffer;
  try {
    bytes = readWithIdentity(context.absolutePathOf(file)).bytes;
  } catch (error) {
    if (isNotFoundError(error) || (error as NodeJS.ErrnoException).code === 'EISDIR') return { kind: 'absent' };
    throw error;
  }
  let entry: ParsedEntry;
  try {
    entry = parseEntry(bytes);
  } catch (error) {
    if (error instanceof EntryParseFailure) return { kind: 'corrupt' };
    throw error;
  }
  let holds = '';
  try {
    holds = entryKey(entry.metadata.data_type, entry.metadata.parameters);
  } catch {
    // Metadata whose parameters cannot name a file: not this entry.
  }
  return holds === key ? { kind: 'same', bytes, entry } : { kind: 'other' };
}

/** Keep a replaced version in the entry's history, and trim the history to the versions kept. */
function keepAsVersion(context: CacheContext, entryFile: string, occupant: Extract<Occupant, { kind: 'same' }>): void {
  context.versions.keep(entryFile, occupant.bytes, occupant.entry.metadata.saved_timestamp, {
    durable: context.durable,
  });
  context.versions.trim(entryFile, context.keepVersions);
}

/** Remove a twin whose bytes are in the history now. */
function removeFile(context: CacheContext, file: string): boolean {
  try {
    unlinkSync(context.absolutePathOf(file));
  } catch (error) {
    if (!isNotFoundError(error)) throw error;
  }
  context.index.recordDelete(file);
  return true;
}

function dedupeBlobs(blobs: readonly BlobRef[]): BlobRef[] {
  const seen = new Map<string, BlobRef>();
  for (const blob of blobs) if (!seen.has(blob.sha256)) seen.set(blob.sha256, { ...blob });
  return [...seen.values()];
}
