import { digestFile } from './blobs/store.js';
import { rememberLocalCopy } from './blobs/local-copies.js';
import type { CacheContext } from './context.js';
import { entryLocation } from './entries/location.js';
import type { BlobRef } from './entries/format.js';
import type { EntryParameters } from './entries/name.js';
import { writeEntry } from './entries/write.js';
import type { Explanation } from './explain/explanation.js';
import type { GetOrCreateOptions, GetOrCreateResult, ProduceReason, Producer } from './get-or-create-types.js';
import type { CacheMode } from './options/modes.js';
import { putSecretFree } from './secrets/blob-source.js';

/**
 * Run the producer, store what it made (its blobs first), save the entry and publish it to the
 * shared tier. When the mode does not write, or a blob could not be stored, the data is returned
 * without saving anything.
 */
export async function produceAndSave<T>(
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
