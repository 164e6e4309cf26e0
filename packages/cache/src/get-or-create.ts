import { digestFile } from './blobs/store.js';
import { putSecretFree } from './secrets/blob-source.js';
import type { CacheContext } from './context.js';
import type { BlobRef, EntryMetadata } from './entries/format.js';
import { readEntry, recordLookup, type DataSchema } from './entries/read.js';
import { entryLocation } from './entries/location.js';
import { writeEntry } from './entries/write.js';
import { assertDataType, assertParameters, type EntryParameters } from './entries/name.js';
import { CacheMissError } from './errors.js';
import {
  noEntryExplanation,
  staleExplanation,
  upstreamInputs,
  type Explanation,
  type UpstreamEntry,
} from './explain/explanation.js';
import type { FingerprintInputs } from './entries/fingerprint.js';
import { rememberLocalCopy } from './blobs/local-copies.js';
import type { CacheMode } from './options/modes.js';
import { claimProduction, type ProductionLock } from './shared/production.js';
import { readShared, type SharedRead } from './shared/read.js';

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

type Producer<T> = (context: ProduceContext) => Promise<T> | T;

const inFlight = new Map<string, Promise<GetOrCreateResult<unknown>>>();

/**
 * The cache's main entry point: read the entry, or produce it, save it and return it. Concurrent
 * calls for one entry in one process share a single producer run.
 */
export function getOrCreate<T>(
  context: CacheContext,
  dataType: string,
  rawParameters: EntryParameters,
  produce: Producer<T>,
  options: GetOrCreateOptions<T> = {},
): Promise<GetOrCreateResult<T>> {
  assertDataType(dataType);
  assertParameters(rawParameters);
  const parameters = { country: rawParameters.country, genre: rawParameters.genre, platform: rawParameters.platform };
  const key = `${context.layout.root}\0${entryLocation(context, dataType, parameters).file}`;
  const running = inFlight.get(key);
  if (running) return running as Promise<GetOrCreateResult<T>>;
  const promise = run(context, dataType, parameters, produce, options).finally(() => inFlight.delete(key));
  inFlight.set(key, promise);
  return promise;
}

async function run<T>(
  context: CacheContext,
  dataType: string,
  parameters: EntryParameters,
  produce: Producer<T>,
  options: GetOrCreateOptions<T>,
): Promise<GetOrCreateResult<T>> {
  const mode = options.mode ?? context.modeFor(dataType);
  const location = entryLocation(context, dataType, parameters);
  let reason: ProduceReason = mode === 'off' ? 'off' : 'refresh';
  let reasons: readonly string[] = [];
  let explanation: Explanation = mode === 'off' ? { kind: 'off' } : { kind: 'refresh' };
  const upstream = options.upstream ?? [];
  const inputs = { ...(options.inputs ?? {}), ...upstreamInputs(upstream) };

  const readOptions = { inputs, ...(options.schema && { schema: options.schema }) };
  const shared = context.shared;
  // With a shared tier, a local miss is only recorded once the shared tier has missed too.
  let recordLocalMiss = () => {};
  if (mode === 'readwrite' || mode === 'readonly') {
    const read = readEntry(context, dataType, parameters, readOptions, { recordMiss: !shared });
    if (read.status === 'hit') {
      return {
        data: read.data,
        source: 'hit',
        reasons: [],
        file: read.file,
        path: read.path,
        saved: false,
        metadata: read.metadata,
        mode,
        explanation: {
          kind: 'hit',
          tier: 'local',
          file: read.file,
          saved_datetime: read.metadata.saved_datetime,
          edited: read.edited,
        },
      };
    }
    reason = read.status;
    reasons = read.reasons;
    explanation =
      read.status === 'stale' && read.metadata
        ? staleExplanation(read.file, read.metadata, inputs, upstream)
        : read.status === 'corrupt'
          ? {
              kind: 'corrupt',
              file: read.file,
              reason: read.reasons.join('; '),
              ...(read.quarantinedTo && { quarantined_to: read.quarantinedTo }),
            }
          : read.status === 'stale'
            ? { kind: 'stale', file: read.file, saved_datetime: '', changes: [], upstream: [] }
            : noEntryExplanation(context, location.file, dataType, parameters, inputs);
    if (shared) {
      const fromShared = await readShared(context, shared, dataType, parameters, readOptions);
      if (fromShared.status === 'hit') return sharedHit(fromShared, mode);
      if (fromShared.status === 'miss') reasons = [...reasons, ...fromShared.reasons];
      explanation = { ...explanation, shared: sharedNote(fromShared) } as Explanation;
      const status = read.status;
      recordLocalMiss = () => recordLookup(context, status, location.file, dataType);
    }
    if (read.status === 'stale') {
      context.logger.info(`${location.file} is stale (${read.reasons.join('; ')}); producing it again.`);
    }
    if (mode === 'readonly') {
      recordLocalMiss();
      const hint =
        context.options.fillHint?.(dataType, { ...parameters }) ??
        'Run it once with the cache mode readwrite (the default) to fill it.';
      throw new CacheMissError(dataType, { ...parameters }, location.path, reasons.join('; '), hint, explanation);
    }
  }

  let lock: ProductionLock | undefined;
  if (shared && mode === 'readwrite') {
    const claim = await claimProduction(context, shared, dataType, parameters, readOptions);
    if (claim.kind === 'served') return sharedHit(claim.hit, mode);
    lock = claim.lock;
  }
  recordLocalMiss();
  try {
    return await produceAndSave(
      context,
      dataType,
      parameters,
      produce,
      { ...options, inputs, upstream },
      { mode, reason, reasons, explanation },
    );
  } finally {
    await lock?.release();
  }
}

function sharedHit<T>(hit: Extract<SharedRead<T>, { status: 'hit' }>, mode: CacheMode): GetOrCreateResult<T> {
  return {
    data: hit.data,
    source: 'hit',
    reasons: [],
    file: hit.file,
    path: hit.path,
    saved: false,
    metadata: hit.metadata,
    mode,
    explanation: {
      kind: 'hit',
      tier: 'shared',
      file: hit.file,
      saved_datetime: hit.metadata.saved_datetime,
      edited: false,
    },
  };
}

/** What the shared tier said when it did not serve, for the explanation. */
function sharedNote(read: SharedRead<unknown>): string {
  if (read.status === 'unavailable') return 'the shared tier is unavailable';
  return read.status === 'miss' && read.reasons.length > 0
    ? read.reasons.join('; ')
    : 'the shared tier has no such entry';
}

async function produceAndSave<T>(
  context: CacheContext,
  dataType: string,
  parameters: EntryParameters,
  produce: Producer<T>,
  options: GetOrCreateOptions<T>,
  why: { mode: CacheMode; reason: ProduceReason; reasons: readonly string[]; explanation: Explanation },
): Promise<GetOrCreateResult<T>> {
  const { mode, reason, reasons, explanation } = why;
  const location = entryLocation(context, dataType, parameters);
  const writes = mode === 'readwrite' || mode === 'refresh';
  const blobs: BlobRef[] = [];
  const usage: Record<string, number> = {};
  let costUsd: number | undefined;
  let producer: string | undefined;
  let blobsMissing = false;
  const started = performance.now();
  const data = await produce({
    dataType,
    parameters,
    reason,
    setProducer: (name) => {
      producer = name;
    },
    addUsage: (more, cost) => {
      for (const [name, value] of Object.entries(more)) usage[name] = (usage[name] ?? 0) + value;
      if (cost !== undefined) costUsd = (costUsd ?? 0) + cost;
    },
    putBlob: async (path, mediaType) => {
      const stored = writes ? await storeBlob(context, path, mediaType) : undefined;
      if (writes && !stored) blobsMissing = true;
      const ref = stored ?? (await hashFile(path, mediaType));
      rememberLocalCopy(ref.sha256, path);
      blobs.push(ref);
      return ref;
    },
  });
  const produceMs = performance.now() - started;
  // An entry whose blobs could not be stored would only be quarantined on its next read.
  if (!writes || blobsMissing) {
    return {
      data,
      source: 'produced',
      reason,
      reasons,
      file: location.file,
      path: location.path,
      saved: false,
      mode,
      explanation,
    };
  }

  const written = writeEntry(context, dataType, parameters, data, {
    inputs: options.inputs ?? {},
    produceMs,
    blobs,
    ...(options.upstream && options.upstream.length > 0 && { upstream: options.upstream }),
    ...(producer !== undefined && { producer }),
    ...(costUsd !== undefined && { costUsd }),
    ...(Object.keys(usage).length > 0 && { usage }),
  });
  if (written.metadata && context.shared) {
    await context.shared.publish(written.file, written.bytes, written.metadata.blobs ?? [], (sha256) =>
      context.blobs.openRead(sha256),
    );
  }
  return {
    data,
    source: 'produced',
    reason,
    reasons,
    file: written.file,
    path: written.path,
    saved: written.metadata !== undefined,
    ...(written.metadata && { metadata: written.metadata }),
    mode,
    explanation,
    ...(written.candidate && { pinned_candidate: written.candidate.id }),
  };
}

async function storeBlob(context: CacheContext, path: string, mediaType: string): Promise<BlobRef | undefined> {
  try {
    return await putSecretFree(context, path, mediaType);
  } catch (error) {
    context.warnUnwritable(error, `storing a blob from ${path}`);
    return undefined;
  }
}

async function hashFile(path: string, mediaType: string): Promise<BlobRef> {
  return { ...(await digestFile(path)), media_type: mediaType };
}
