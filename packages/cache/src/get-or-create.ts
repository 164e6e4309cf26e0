import type { CacheContext } from './context.js';
import { readEntry, recordLookup } from './entries/read.js';
import { entryLocation } from './entries/location.js';
import { assertDataType, assertParameters, type EntryParameters } from './entries/name.js';
import { CacheMissError } from './errors.js';
import { noEntryExplanation, staleExplanation, upstreamInputs, type Explanation } from './explain/explanation.js';
import type { GetOrCreateOptions, GetOrCreateResult, ProduceReason, Producer } from './get-or-create-types.js';
import type { CacheMode } from './options/modes.js';
import { produceAndSave } from './produce.js';
import { claimProduction, type ProductionLock } from './shared/production.js';
import { readShared, type SharedRead } from './shared/read.js';

export type { GetOrCreateOptions, GetOrCreateResult, ProduceContext, ProduceReason } from './get-or-create-types.js';

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
