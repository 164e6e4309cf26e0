import type { CacheContext } from '../context.js';
import type { JsonValue } from '../entries/canonical-json.js';
import { describeInputChanges } from '../entries/fingerprint.js';
import type { BlobRef } from '../entries/format.js';
import { EntryNotFoundError, VersionNotFoundError } from '../errors.js';
import { entryVersions, type EntryVersion } from './entry-versions.js';

/** One piece of a text diff: kept, added or removed words (or lines). */
export interface TextPart {
  readonly op: '=' | '+' | '-';
  readonly text: string;
}

/** A path in the data that changed between two versions. */
export interface DataChange {
  /** e.g. `movies.2.title`. */
  readonly path: string;
  readonly kind: 'added' | 'removed' | 'changed';
  readonly before?: JsonValue;
  readonly after?: JsonValue;
  /** For long text (a script): what changed inside it, word by word (line by line for many lines). */
  readonly text?: readonly TextPart[];
}

/** What a blob is, as far as can be told; a describer (ffprobe, in the pipeline) adds media facts. */
export interface BlobFacts {
  readonly sha256: string;
  readonly media_type: string;
  /** image, video, audio, text or other. */
  readonly kind: string;
  readonly bytes: number;
  readonly present: boolean;
  readonly duration_seconds?: number;
  readonly width?: number;
  readonly height?: number;
  readonly codecs?: readonly string[];
}

/** Media facts of a stored blob file (duration, size, codecs); the cache itself knows none. */
export type BlobDescriber = (
  path: string,
  ref: BlobRef,
) => Promise<Partial<Pick<BlobFacts, 'duration_seconds' | 'width' | 'height' | 'codecs'>>>;

export interface BlobChange {
  readonly before?: BlobFacts;
  readonly after?: BlobFacts;
  readonly bytes_changed: boolean;
}

export interface EntryDiff {
  readonly file: string;
  readonly from: { readonly version: number; readonly saved_datetime: string };
  readonly to: { readonly version: number; readonly saved_datetime: string };
  readonly identical: boolean;
  readonly input_changes: readonly string[];
  readonly data: readonly DataChange[];
  readonly blobs: readonly BlobChange[];
}

export interface DiffOptions {
  /** The older side: a version number (default 1, the one the current replaced). */
  readonly from?: number;
  /** The newer side (default 0, the current one). */
  readonly to?: number;
  readonly describeBlob?: BlobDescriber;
}

const LONG_TEXT = 80;

/** Compare two versions of an entry: their data path by path, long text word by word, their blobs side by side. */
export async function diffVersions(context: CacheContext, file: string, options: DiffOptions = {}): Promise<EntryDiff> {
  const found = entryVersions(context, file);
  if (!found) throw new EntryNotFoundError(file, context.directory);
  const pick = (number: number) => {
    const version = found.versions.find((candidate) => candidate.version === number);
    if (!version)
      throw new VersionNotFoundError(
        file,
        number,
        found.versions.map((candidate) => candidate.version),
      );
    return version;
  };
  const from = pick(options.from ?? 1);
  const to = pick(options.to ?? 0);
  const [{ default: microdiff }, jsdiff] = await Promise.all([import('microdiff'), import('diff')]);
  const changes = microdiff(asObject(from.entry.data), asObject(to.entry.data), { cyclesFix: false });
  const data = changes.map((change): DataChange => {
    const path = change.path.join('.');
    if (change.type === 'CREATE') return { path, kind: 'added', after: change.value as JsonValue };
    if (change.type === 'REMOVE') return { path, kind: 'removed', before: change.oldValue as JsonValue };
    const before = change.oldValue as JsonValue;
    const after = change.value as JsonValue;
    const text =
      typeof before === 'string' && typeof after === 'string' && Math.max(before.length, after.length) > LONG_TEXT
        ? (before.includes('\n') || after.includes('\n')
            ? jsdiff.diffLines(before, after)
            : jsdiff.diffWords(before, after)
          ).map((part): TextPart => ({ op: part.added ? '+' : part.removed ? '-' : '=', text: part.value }))
        : undefined;
    return { path, kind: 'changed', before, after, ...(text && { text }) };
  });
  const blobs = await pairBlobs(context, from, to, options.describeBlob);
  const inputChanges =
    from.entry.metadata.inputs_fingerprint === to.entry.metadata.inputs_fingerprint
      ? []
      : describeInputChanges(
          from.entry.metadata.inputs as Record<string, JsonValue> | undefined,
          (to.entry.metadata.inputs as Record<string, JsonValue> | undefined) ?? {},
        );
  return {
    file,
    from: { version: from.version, saved_datetime: from.entry.metadata.saved_datetime },
    to: { version: to.version, saved_datetime: to.entry.metadata.saved_datetime },
    identical: data.length === 0 && blobs.every((blob) => !blob.bytes_changed),
    input_changes: inputChanges,
    data,
    blobs,
  };
}

/** microdiff compares objects and arrays; data that is a bare value is wrapped so it compares too. */
function asObject(data: JsonValue): Record<string, unknown> | unknown[] {
  return typeof data === 'object' && data !== null ? data : { value: data };
}

/** Blobs of the two versions side by side: paired by media type, in the order the entry lists them. */
async function pairBlobs(
  context: CacheContext,
  from: EntryVersion,
  to: EntryVersion,
  describe?: BlobDescriber,
): Promise<BlobChange[]> {
  const before = from.entry.metadata.blobs ?? [];
  const after = to.entry.metadata.blobs ?? [];
  const types = [...new Set([...before, ...after].map((ref) => ref.media_type))];
  const pairs: BlobChange[] = [];
  for (const type of types) {
    const olds = before.filter((ref) => ref.media_type === type);
    const news = after.filter((ref) => ref.media_type === type);
    for (let index = 0; index < Math.max(olds.length, news.length); index += 1) {
      const old = olds[index];
      const now = news[index];
      pairs.push({
        ...(old && { before: await factsOf(context, old, describe) }),
        ...(now && { after: await factsOf(context, now, describe) }),
        bytes_changed: old?.sha256 !== now?.sha256,
      });
    }
  }
  return pairs;
}

async function factsOf(context: CacheContext, ref: BlobRef, describe?: BlobDescriber): Promise<BlobFacts> {
  const present = context.blobs.has(ref);
  const base: BlobFacts = {
    sha256: ref.sha256,
    media_type: ref.media_type,
    kind: kindOf(ref.media_type),
    bytes: ref.bytes,
    present,
  };
  if (!present || !describe) return base;
  try {
    return { ...base, ...(await describe(context.blobs.pathOf(ref.sha256), ref)) };
  } catch {
    return base;
  }
}

function kindOf(mediaType: string): string {
  const top = mediaType.split('/')[0] ?? '';
  if (['image', 'video', 'audio', 'text'].includes(top)) return top;
  return /json|subrip|xml|yaml/.test(mediaType) ? 'text' : 'other';
}
