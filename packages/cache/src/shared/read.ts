import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { tempPathFor, unlinkQuietly } from '../files/atomic-file.js';
import type { CacheContext } from '../context.js';
import { EntryParseFailure, parseEntry, type BlobRef, type EntryMetadata } from '../entries/format.js';
import { entryLocation } from '../entries/location.js';
import type { ReadOptions } from '../entries/read.js';
import { PARAMETER_NAMES, sameParameters, type EntryParameters } from '../entries/name.js';
import { computeFingerprint, describeInputChanges, storedInputs } from '../entries/fingerprint.js';
import { installEntry } from '../entries/write.js';
import type { JsonValue } from '../entries/canonical-json.js';
import type { SharedTier } from './tier.js';

export type SharedRead<T> =
  | {
      readonly status: 'hit';
      readonly data: T;
      readonly metadata: EntryMetadata;
      readonly file: string;
      readonly path: string;
    }
  /** `miss`: the tier has no usable entry (absent, stale, or bad bytes, which were reported). */
  | { readonly status: 'miss'; readonly reasons: readonly string[] }
  | { readonly status: 'unavailable' };

/**
 * Look for an entry in the shared tier and, when it is usable, promote it into the local
 * directory: its bytes are checked exactly like a local file (format, checksum, parameters,
 * fingerprint, schema), every blob it needs is downloaded and checked against its digest, then
 * blobs and entry are moved into place atomically and a hit from tier `redis` is recorded.
 * Nothing from the tier that fails a check is ever written to the local directory.
 */
export async function readShared<T = JsonValue>(
  context: CacheContext,
  tier: SharedTier,
  dataType: string,
  parameters: EntryParameters,
  options: ReadOptions<T>,
): Promise<SharedRead<T>> {
  const location = entryLocation(context, dataType, parameters);
  const fetched = await tier.readEntry(location.file);
  if (!fetched.ok) {
    return fetched.rejected
      ? { status: 'miss', reasons: [`shared tier: refused ${location.file} (its value is not one this cache writes)`] }
      : { status: 'unavailable' };
  }
  if (!fetched.value) return { status: 'miss', reasons: [] };
  const { bytes, signature } = fetched.value;
  const rejected = (detail: string): SharedRead<T> => {
    tier.reject(`entry ${location.file}`, detail);
    return { status: 'miss', reasons: [`shared tier: refused ${location.file} (${detail})`] };
  };

  let entry;
  try {
    entry = parseEntry(bytes);
  } catch (error) {
    if (error instanceof EntryParseFailure) return rejected(`${error.reason}: ${error.detail}`);
    throw error;
  }
  const { metadata } = entry;
  if (entry.edited) return rejected('checksum: its data does not match data_sha256');
  const digests = (metadata.blobs ?? []).map((blob) => blob.sha256);
  if (!tier.acceptsSignature(location.file, bytes, digests, signature)) {
    return { status: 'miss', reasons: [`shared tier: refused ${location.file} (not signed with the team key)`] };
  }
  if (metadata.data_type !== dataType || !sameParameters(metadata.parameters, parameters)) {
    const recorded = PARAMETER_NAMES.map((name) => metadata.parameters[name]).join('/');
    return rejected(`it holds ${metadata.data_type} for ${recorded}`);
  }
  if (metadata.format_version !== undefined && metadata.format_version > 1) {
    return {
      status: 'miss',
      reasons: [`shared tier: written by a newer StreamGank (entry format ${metadata.format_version})`],
    };
  }
  if (options.inputs !== undefined) {
    const legacyWithoutInputs = entry.legacy && Object.keys(storedInputs(options.inputs)).length === 0;
    if (metadata.inputs_fingerprint !== computeFingerprint(options.inputs) && !legacyWithoutInputs) {
      const changes = describeInputChanges(metadata.inputs as Record<string, JsonValue> | undefined, options.inputs);
      return { status: 'miss', reasons: [`shared tier: stale (${changes.join('; ')})`] };
    }
  }
  let data = entry.data as unknown as T;
  if (options.schema) {
    const checked = options.schema.safeParse(entry.data);
    if (!checked.success) return rejected('data_schema: the data does not match its schema');
    data = checked.data;
  }

  const blobs = await fetchMissingBlobs(context, tier, metadata.blobs ?? []);
  if (blobs.status !== 'ok') {
    if (blobs.status === 'unavailable') return { status: 'unavailable' };
    return { status: 'miss', reasons: [`shared tier: ${blobs.reason}`] };
  }

  // A cache that cannot be written still serves the data (its blobs are local already); it is only not kept.
  installEntry(
    context,
    { bytes, metadata, legacy: entry.legacy, edited: false },
    { what: 'saving from the shared tier' },
  );
  context.activity.record({
    t: context.now(),
    ev: 'hit',
    file: location.file,
    type: dataType,
    tier: 'redis',
    ...(metadata.produce_ms !== undefined && { ms: metadata.produce_ms }),
    ...(metadata.cost_usd !== undefined && { usd: metadata.cost_usd }),
  });
  return { status: 'hit', data, metadata, file: location.file, path: location.path };
}

type BlobFetch = { status: 'ok' } | { status: 'unavailable' } | { status: 'miss'; reason: string };

/** Download every blob the local directory lacks; all of them land in the blob store, or none. */
async function fetchMissingBlobs(
  context: CacheContext,
  tier: SharedTier,
  refs: readonly BlobRef[],
): Promise<BlobFetch> {
  const wanted = refs.filter((ref) => !context.blobs.has(ref));
  if (wanted.length === 0) return { status: 'ok' };
  const downloaded: { temp: string; sha256: string }[] = [];
  const discard = () => downloaded.forEach((blob) => unlinkQuietly(blob.temp));
  try {
    mkdirSync(context.layout.blobTemp, { recursive: true });
    for (const ref of wanted) {
      const temp = tempPathFor(join(context.layout.blobTemp, ref.sha256));
      const outcome = await tier.downloadBlob(ref, temp);
      if (outcome === 'unavailable') {
        discard();
        return { status: 'unavailable' };
      }
      if (outcome !== 'ok') {
        discard();
        const why = outcome === 'absent' ? 'is not there (expired or evicted)' : 'had the wrong bytes';
        return { status: 'miss', reason: `blob sha256:${ref.sha256} ${why}` };
      }
      downloaded.push({ temp, sha256: ref.sha256 });
    }
    for (const blob of downloaded) context.blobs.adoptSync(blob.temp, blob.sha256);
    return { status: 'ok' };
  } catch (error) {
    discard();
    context.warnUnwritable(error, 'saving blobs from the shared tier');
    return { status: 'miss', reason: 'its blobs cannot be saved in the local cache' };
  }
}
