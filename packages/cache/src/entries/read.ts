import { statSync } from 'node:fs';
import type { CacheContext } from '../context.js';
import { isNotFoundError, type CorruptReason } from '../errors.js';
import { readTransientWithIdentity } from '../files/read.js';
import type { FileIdentity } from '../files/identity.js';
import { quarantineFile } from '../housekeeping/quarantine.js';
import { recordOfEntry } from '../index/record.js';
import type { JsonValue } from './canonical-json.js';
import { computeFingerprint, describeInputChanges, storedInputs, type FingerprintInputs } from './fingerprint.js';
import { EntryParseFailure, FORMAT_VERSION, parseEntry, type EntryMetadata, type ParsedEntry } from './format.js';
import { entryLocation } from './location.js';
import {
  alternateEntryFileName,
  entryKey,
  legacyEntryFileName,
  PARAMETER_NAMES,
  type EntryParameters,
} from './name.js';

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
      /** The data was changed by hand after it was saved (served, with a warning). */
      readonly edited: boolean;
      readonly file: string;
      readonly path: string;
    }
  | {
      readonly status: 'miss' | 'stale' | 'corrupt';
      readonly reasons: readonly string[];
      readonly file: string;
      readonly path: string;
      /** For a stale entry: the metadata it was saved with. */
      readonly metadata?: EntryMetadata;
      /** For a corrupt entry: where it was moved to. */
      readonly quarantinedTo?: string;
    };

/** An entry file found under one of the entry's names and holding the entry asked for. */
interface Candidate {
  readonly file: string;
  readonly absolute: string;
  readonly identity: FileIdentity;
  readonly entry: ParsedEntry;
}

type Probe =
  | { readonly kind: 'absent' }
  | { readonly kind: 'other'; readonly holds: string }
  | { readonly kind: 'found'; readonly candidate: Candidate }
  | {
      readonly kind: 'corrupt';
      readonly file: string;
      readonly absolute: string;
      readonly identity?: FileIdentity;
      readonly reason: CorruptReason;
      readonly detail: string;
    };

/** Files reported as edited by hand in this process, so that each is told once. */
const reportedEdits = new Set<string>();

/**
 * Read one entry and decide whether it can be served. Never throws for a bad file: a file that does
 * not parse or fails its schema, or refers to a missing blob, is quarantined and reported as
 * `corrupt`; a file whose inputs changed is `stale`, with the changes as reasons. A file whose data
 * was edited by hand is served, and said so once per process. Where the entry is held under more
 * than one of its names (the Python version's and this version's), the newer is served.
 */
export function readEntry<T = JsonValue>(
  context: CacheContext,
  dataType: string,
  parameters: EntryParameters,
  options: ReadOptions<T> = {},
  behaviour: { readonly recordMiss?: boolean } = {},
): ReadResult<T> {
  const location = entryLocation(context, dataType, parameters);
  const key = entryKey(dataType, parameters);
  const miss = (
    status: 'miss' | 'stale' | 'corrupt',
    reasons: string[],
    extra: { metadata?: EntryMetadata; quarantinedTo?: string; file?: string } = {},
  ): ReadResult<T> => {
    const file = extra.file ?? location.file;
    if (behaviour.recordMiss !== false) recordLookup(context, status, file, dataType);
    return {
      status,
      reasons,
      file,
      path: context.pathOf(file),
      ...(extra.metadata && { metadata: extra.metadata }),
      ...(extra.quarantinedTo && { quarantinedTo: extra.quarantinedTo }),
    };
  };
  const corrupt = (probe: Extract<Probe, { kind: 'corrupt' }>): ReadResult<T> => {
    const movedTo = quarantineIfUnchanged(context, probe.absolute, probe.identity, probe.reason);
    if (movedTo) context.index.recordDelete(probe.file);
    context.logger.warn(
      `cache entry ${probe.file} is corrupt (${probe.reason}: ${probe.detail})` +
        (movedTo ? `; moved it to ${movedTo} and treating it as a miss.` : '; treating it as a miss.'),
    );
    return miss('corrupt', [`${probe.reason}: ${probe.detail}`], {
      file: probe.file,
      ...(movedTo && { quarantinedTo: movedTo }),
    });
  };

  const candidates: Candidate[] = [];
  let holder: string | undefined;
  const primary = probe(context, location.file, location.absolute, key);
  if (primary.kind === 'corrupt') return corrupt(primary);
  if (primary.kind === 'found') candidates.push(primary.candidate);
  else {
    if (primary.kind === 'other') holder = primary.holds;
    const alternateFile = alternateEntryFileName(dataType, parameters);
    const alternate = probe(context, alternateFile, context.absolutePathOf(alternateFile), key);
    if (alternate.kind === 'corrupt') return corrupt(alternate);
    if (alternate.kind === 'found') candidates.push(alternate.candidate);
  }
  const legacyFile = legacyEntryFileName(dataType, parameters);
  if (legacyFile !== undefined && legacyFile !== location.file) {
    const legacy = probe(context, legacyFile, context.absolutePathOf(legacyFile), key);
    if (legacy.kind === 'found') candidates.push(legacy.candidate);
    else if (legacy.kind === 'corrupt' && candidates.length === 0) return corrupt(legacy);
  }
  const found = newest(candidates);
  if (!found) {
    return miss('miss', holder ? [`no entry (${location.file} holds ${holder})`] : ['no entry']);
  }

  const { metadata } = found.entry;
  if (metadata.format_version !== undefined && metadata.format_version > FORMAT_VERSION) {
    return miss('stale', [`written by a newer StreamGank (entry format ${metadata.format_version})`], {
      file: found.file,
      metadata,
    });
  }
  for (const blob of metadata.blobs ?? []) {
    if (!context.blobs.has(blob)) {
      return corrupt({
        kind: 'corrupt',
        file: found.file,
        absolute: found.absolute,
        identity: found.identity,
        reason: 'missing_blob',
        detail: `blob sha256:${blob.sha256} is missing`,
      });
    }
  }
  if (options.inputs !== undefined) {
    const expected = computeFingerprint(options.inputs);
    const legacyWithoutInputs = found.entry.legacy && Object.keys(storedInputs(options.inputs)).length === 0;
    if (metadata.inputs_fingerprint !== expected && !legacyWithoutInputs) {
      const reasons = found.entry.legacy
        ? ['legacy entry (from the Python version) records no inputs']
        : describeInputChanges(metadata.inputs as Record<string, JsonValue> | undefined, options.inputs);
      context.index.recordStale(found.file, reasons);
      return miss('stale', reasons, { file: found.file, metadata });
    }
  }
  let data = found.entry.data as unknown as T;
  if (options.schema) {
    const checked = options.schema.safeParse(found.entry.data);
    if (!checked.success) {
      return corrupt({
        kind: 'corrupt',
        file: found.file,
        absolute: found.absolute,
        identity: found.identity,
        reason: 'data_schema',
        detail: describeSchemaError(checked.error),
      });
    }
    data = checked.data;
  }
  if (found.entry.edited) reportEdit(context, found);
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
    legacy: found.entry.legacy,
    edited: found.entry.edited,
    file: found.file,
    path: found.file === location.file ? location.path : context.pathOf(found.file),
  };
}

/** Look at one of the entry's names. */
function probe(context: CacheContext, file: string, absolute: string, key: string): Probe {
  let read;
  try {
    read = readTransientWithIdentity(absolute);
  } catch (error) {
    if (isNotFoundError(error) || (error as NodeJS.ErrnoException).code === 'EISDIR') return { kind: 'absent' };
    return {
      kind: 'corrupt',
      file,
      absolute,
      reason: 'unreadable',
      detail: `cannot read it: ${(error as Error).message}`,
    };
  }
  let entry: ParsedEntry;
  try {
    const knownEdited = context.checkedFiles.editedIfUnchanged(absolute, read.identity);
    entry = parseEntry(read.bytes, knownEdited);
    if (knownEdited === undefined && !entry.legacy)
      context.checkedFiles.remember(absolute, read.identity, entry.edited);
  } catch (error) {
    if (!(error instanceof EntryParseFailure)) throw error;
    return { kind: 'corrupt', file, absolute, identity: read.identity, reason: error.reason, detail: error.detail };
  }
  const { metadata } = entry;
  let holds: string;
  try {
    holds = entryKey(metadata.data_type, metadata.parameters);
  } catch {
    holds = '';
  }
  if (holds !== key) {
    const recorded = PARAMETER_NAMES.map((name) => metadata.parameters[name]).join('/');
    return { kind: 'other', holds: `${metadata.data_type} for ${recorded}` };
  }
  return { kind: 'found', candidate: { file, absolute, identity: read.identity, entry } };
}

function newest(candidates: readonly Candidate[]): Candidate | undefined {
  let best: Candidate | undefined;
  for (const candidate of candidates) {
    if (!best || candidate.entry.metadata.saved_timestamp > best.entry.metadata.saved_timestamp) best = candidate;
  }
  return best;
}

/**
 * Move a bad file aside, unless it changed since it was read (another hand just replaced it with
 * a good one): a reader must never quarantine a file it did not judge.
 */
function quarantineIfUnchanged(
  context: CacheContext,
  absolute: string,
  identity: FileIdentity | undefined,
  reason: CorruptReason,
): string | undefined {
  const now = statSync(absolute, { throwIfNoEntry: false });
  if (!now) return undefined;
  if (identity && (now.ino !== identity.ino || now.size !== identity.size || now.mtimeMs !== identity.mtimeMs))
    return undefined;
  return quarantineFile(context.layout, absolute, reason);
}

function reportEdit(context: CacheContext, found: Candidate): void {
  const report = `${context.layout.root}\0${found.file}\0${found.identity.mtimeMs}`;
  if (reportedEdits.has(report)) return;
  reportedEdits.add(report);
  context.index.recordPut(recordOfEntry(found.file, found.entry, found.identity.size, found.identity));
  context.logger.warn(
    `cache entry ${found.file} was edited by hand after it was saved (its data no longer matches data_sha256); ` +
      'serving it as edited. To drop the edit, produce it again (cache mode refresh); the edited file is kept in its history.',
  );
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

function describeSchemaError(error: unknown): string {
  const issues = (error as { issues?: { path?: PropertyKey[]; message?: string }[] }).issues;
  const first = issues?.[0];
  if (first) return `${(first.path ?? []).map(String).join('.') || 'data'}: ${first.message ?? 'invalid'}`;
  return error instanceof Error ? error.message : 'data does not match its schema';
}
