import { closeSync, fstatSync, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import { writeFileAtomic } from '../files/atomic-file.js';
import type { JsonValue } from './canonical-json.js';
import type { CacheContext } from '../context.js';
import { EntryParseFailure, parseEntry, serializeEntry, type BlobRef, type EntryMetadata } from './format.js';
import { indexedEntryFrom } from '../index/indexed-entry.js';
import { entryFileName, legacyEntryFileName, PARAMETER_NAMES, sameParameters, type EntryParameters } from './name.js';
import { isNotFoundError, type CorruptReason } from '../errors.js';
import { computeFingerprint, describeInputChanges, storedInputs, type FingerprintInputs } from './fingerprint.js';
import { localDateTime } from '../options/quantities.js';
import { quarantineFile } from '../housekeeping/quarantine.js';

/** Anything with zod's `safeParse` (a zod schema, or a hand-written check). */
export interface DataSchema<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false; error: unknown };
}

export interface ReadOptions<T> {
  /** When given, an entry whose recorded inputs differ is stale, not a hit. */
  readonly inputs?: FingerprintInputs;
  /** When given, data that fails it is treated as corrupt. */
  readonly schema?: DataSchema<T>;
}

export type ReadResult<T> =
  | {
      readonly status: 'hit';
      readonly data: T;
      readonly metadata: EntryMetadata;
      readonly legacy: boolean;
      readonly file: string;
      readonly path: string;
    }
  | {
      readonly status: 'miss' | 'stale' | 'corrupt';
      readonly reasons: readonly string[];
      readonly file: string;
      readonly path: string;
    };

export interface WriteOptions {
  readonly inputs?: FingerprintInputs;
  readonly producer?: string;
  readonly produceMs?: number;
  readonly costUsd?: number;
  readonly usage?: Readonly<Record<string, number>>;
  readonly blobs?: readonly BlobRef[];
}

/** Paths for an entry: `file` is its name, `path` is as the user would type it (relative stays relative). */
export function entryLocation(context: CacheContext, dataType: string, parameters: EntryParameters) {
  const file = entryFileName(dataType, parameters);
  return { file, path: context.pathOf(file), absolute: context.absolutePathOf(file) };
}

/** Extra keys given with the three parameters are inputs too: nothing a caller passes is ignored. */
export function splitParameters(parameters: EntryParameters & Record<string, unknown>): {
  parameters: EntryParameters;
  extraInputs: Record<string, JsonValue>;
} {
  const { country, genre, platform, ...rest } = parameters;
  return { parameters: { country, genre, platform }, extraInputs: rest as Record<string, JsonValue> };
}

function readWithIdentity(path: string): { bytes: Buffer; ino: number } {
  const fd = openSync(path, 'r');
  try {
    const stats = fstatSync(fd);
    const bytes = Buffer.allocUnsafe(stats.size);
    let offset = 0;
    while (offset < stats.size) {
      const read = readSync(fd, bytes, offset, stats.size - offset, offset);
      if (read === 0) break;
      offset += read;
    }
    return { bytes: offset === stats.size ? bytes : bytes.subarray(0, offset), ino: stats.ino };
  } finally {
    closeSync(fd);
  }
}

/**
 * Read one entry and decide whether it can be served. Never throws for a bad file: a file that does
 * not parse, fails its schema or checksum, or refers to a missing blob is quarantined and reported
 * as `corrupt`; a file whose inputs changed is `stale`, with the changes as reasons.
 */
export function readEntry<T = JsonValue>(
  context: CacheContext,
  dataType: string,
  parameters: EntryParameters,
  options: ReadOptions<T> = {},
  behaviour: { readonly recordMiss?: boolean } = {},
): ReadResult<T> {
  const location = entryLocation(context, dataType, parameters);
  const miss = (status: 'miss' | 'stale' | 'corrupt', reasons: string[]): ReadResult<T> => {
    if (behaviour.recordMiss !== false) recordLookup(context, status, location.file, dataType);
    return { status, reasons, file: location.file, path: location.path };
  };

  let found: { bytes: Buffer; ino: number; absolute: string; file: string } | undefined;
  for (const file of candidateFiles(location.file, dataType, parameters)) {
    const absolute = file === location.file ? location.absolute : context.absolutePathOf(file);
    try {
      found = { ...readWithIdentity(absolute), absolute, file };
      break;
    } catch (error) {
      if (!isNotFoundError(error) && (error as NodeJS.ErrnoException).code !== 'EISDIR') {
        return miss('corrupt', [`cannot read ${file}: ${(error as Error).message}`]);
      }
    }
  }
  if (!found) return miss('miss', ['no entry']);

  const corrupt = (reason: CorruptReason, detail: string): ReadResult<T> => {
    const sameFile = statSync(found.absolute, { throwIfNoEntry: false })?.ino === found.ino;
    const movedTo = sameFile ? quarantineFile(context.layout, found.absolute, reason) : undefined;
    if (movedTo) context.index.recordDelete(found.file);
    context.logger.warn(
      `cache entry ${found.file} is corrupt (${reason}: ${detail})` +
        (movedTo ? `; moved it to ${movedTo} and treating it as a miss.` : '; treating it as a miss.'),
    );
    return miss('corrupt', [`${reason}: ${detail}`]);
  };

  let entry;
  try {
    entry = parseEntry(found.bytes);
  } catch (error) {
    if (error instanceof EntryParseFailure) return corrupt(error.reason, error.detail);
    throw error;
  }
  const { metadata } = entry;
  if (metadata.data_type !== dataType || !sameParameters(metadata.parameters, parameters)) {
    const recorded = PARAMETER_NAMES.map((name) => metadata.parameters[name]).join('/');
    return miss('miss', [`the file holds ${metadata.data_type} for ${recorded}, not the entry asked for`]);
  }
  if (metadata.format_version !== undefined && metadata.format_version > 1) {
    return miss('stale', [`written by a newer StreamGank (entry format ${metadata.format_version})`]);
  }
  for (const blob of metadata.blobs ?? []) {
    if (!context.blobs.has(blob)) return corrupt('missing_blob', `blob sha256:${blob.sha256} is missing`);
  }
  if (options.inputs !== undefined) {
    const expected = computeFingerprint(options.inputs);
    const legacyWithoutInputs = entry.legacy && Object.keys(storedInputs(options.inputs)).length === 0;
    if (metadata.inputs_fingerprint !== expected && !legacyWithoutInputs) {
      const reasons = entry.legacy
        ? ['legacy entry (from the Python version) records no inputs']
        : describeInputChanges(metadata.inputs as Record<string, JsonValue> | undefined, options.inputs);
      context.index.recordStale(found.file, reasons);
      return miss('stale', reasons);
    }
  }
  let data = entry.data as unknown as T;
  if (options.schema) {
    const checked = options.schema.safeParse(entry.data);
    if (!checked.success) return corrupt('data_schema', describeSchemaError(checked.error));
    data = checked.data;
  }
  context.activity.record({
    t: context.now(),
    ev: 'hit',
    file: found.file,
    type: dataType,
    ...(metadata.produce_ms !== undefined && { ms: metadata.produce_ms }),
    ...(metadata.cost_usd !== undefined && { usd: metadata.cost_usd }),
  });
  return {
    status: 'hit',
    data,
    metadata,
    legacy: entry.legacy,
    file: found.file,
    path: found.file === location.file ? location.path : context.pathOf(found.file),
  };
}

/** Record a lookup that found no usable entry (a caller that looked at other tiers first records it late). */
export function recordLookup(
  context: CacheContext,
  status: 'miss' | 'stale' | 'corrupt',
  file: string,
  dataType: string,
): void {
  context.activity.record({ t: context.now(), ev: status, file, type: dataType });
}

/** The entry's name, then (only if that is missing) the Python version's name for it. */
function* candidateFiles(file: string, dataType: string, parameters: EntryParameters): Generator<string> {
  yield file;
  const legacy = legacyEntryFileName(dataType, parameters);
  if (legacy && legacy !== file) yield legacy;
}

function describeSchemaError(error: unknown): string {
  const issues = (error as { issues?: { path?: PropertyKey[]; message?: string }[] }).issues;
  const first = issues?.[0];
  if (first) return `${(first.path ?? []).map(String).join('.') || 'data'}: ${first.message ?? 'invalid'}`;
  return error instanceof Error ? error.message : 'data does not match its schema';
}

/**
 * Save an entry atomically. Returns the metadata written, or undefined when the cache cannot be
 * written (reported once; the caller carries on). Data that is not JSON throws.
 */
export function writeEntry(
  context: CacheContext,
  dataType: string,
  parameters: EntryParameters,
  data: unknown,
  options: WriteOptions = {},
): { file: string; path: string; metadata: EntryMetadata | undefined; bytes: Buffer } {
  const location = entryLocation(context, dataType, parameters);
  const now = new Date(context.now());
  const inputs = options.inputs ?? {};
  const blobs = dedupeBlobs(options.blobs ?? []);
  const { bytes, metadata } = serializeEntry(data, {
    data_type: dataType,
    parameters: { country: parameters.country, genre: parameters.genre, platform: parameters.platform },
    saved_timestamp: now.getTime() / 1000,
    saved_datetime: localDateTime(now),
    inputs_fingerprint: computeFingerprint(inputs),
    inputs: storedInputs(inputs),
    ...(options.produceMs !== undefined && { produce_ms: Math.round(options.produceMs) }),
    ...(options.producer !== undefined && { producer: options.producer }),
    ...(options.costUsd !== undefined && { cost_usd: options.costUsd }),
    ...(options.usage !== undefined && { usage: { ...options.usage } }),
    ...(blobs.length > 0 && { blobs }),
  });
  try {
    mkdirSync(context.layout.root, { recursive: true });
    writeFileAtomic(location.absolute, bytes, { durable: context.durable });
  } catch (error) {
    context.warnUnwritable(error, `saving ${location.file}`);
    context.activity.record({ t: context.now(), ev: 'write_failed', file: location.file, type: dataType });
    return { file: location.file, path: location.path, metadata: undefined, bytes };
  }
  context.index.recordPut(indexedEntryFrom(location.file, metadata, bytes.length, false));
  context.activity.record({
    t: context.now(),
    ev: 'write',
    file: location.file,
    type: dataType,
    ...(options.produceMs !== undefined && { ms: Math.round(options.produceMs) }),
  });
  return { file: location.file, path: location.path, metadata, bytes };
}

function dedupeBlobs(blobs: readonly BlobRef[]): BlobRef[] {
  const seen = new Map<string, BlobRef>();
  for (const blob of blobs) if (!seen.has(blob.sha256)) seen.set(blob.sha256, { ...blob });
  return [...seen.values()];
}
