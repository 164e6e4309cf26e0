import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CacheContext } from '../context.js';
import type { JsonValue } from '../entries/canonical-json.js';
import type { BlobRef } from '../entries/format.js';
import { serializeEntry, type NewEntryMetadata } from '../entries/format.js';
import { tempPathFor, unlinkQuietly, writeFileAtomic } from '../files/atomic-file.js';
import type { Redaction } from './redact.js';

/**
 * Store a redacted copy of a text blob that holds a secret; returns the new reference (the old
 * blob is left for the caller to remove once nothing refers to it).
 */
export async function redactBlob(context: CacheContext, ref: BlobRef): Promise<BlobRef> {
  const { text } = context.secrets.redactText(readFileSync(context.blobs.pathOf(ref.sha256), 'utf8'));
  mkdirSync(context.layout.blobTemp, { recursive: true });
  const copy = tempPathFor(join(context.layout.blobTemp, 'redacted'));
  try {
    writeFileSync(copy, text, { flag: 'wx' });
    return await context.blobs.putFile(copy, ref.media_type);
  } finally {
    unlinkQuietly(copy);
  }
}

/**
 * Rewrite an entry file (or a kept version) without its secrets, in place: the secret must not
 * survive in a history either. Blob references whose blobs were redacted point at the new blobs.
 * An entry of this version gets a new checksum; the Python version's layout stays as it was.
 * Returns where secrets were taken out.
 */
export function redactEntryFile(
  context: CacheContext,
  path: string,
  replaced: ReadonlyMap<string, BlobRef>,
): Redaction[] {
  const document = JSON.parse(readFileSync(path, 'utf8')) as { data: JsonValue; metadata: Record<string, unknown> };
  const { data: rawData, metadata: rawMetadata } = repoint(document, replaced);
  const { redactions: own = [], data_sha256: _checksum, format_version: version, ...described } = rawMetadata;
  const data = context.secrets.redact(rawData, 'data');
  const metadata = context.secrets.redact(described, 'metadata');
  const redactions = [...(own as Redaction[]), ...data.redactions, ...metadata.redactions];
  const found = data.redactions.length + metadata.redactions.length;
  const blobsChanged = JSON.stringify(rawMetadata['blobs']) !== JSON.stringify(document.metadata['blobs']);
  if (found === 0 && !blobsChanged) return [];
  const bytes =
    version === undefined
      ? Buffer.from(`${JSON.stringify({ data: data.value, metadata: { ...metadata.value, redactions } }, null, 2)}\n`)
      : serializeEntry(data.value, {
          ...(metadata.value as unknown as NewEntryMetadata),
          ...(redactions.length > 0 && { redactions }),
        }).bytes;
  writeFileAtomic(path, bytes, { durable: context.durable });
  return [...data.redactions, ...metadata.redactions];
}

/** The entry with every reference to a replaced blob (in its data and its blob list) pointing at the new one. */
function repoint(
  document: { data: JsonValue; metadata: Record<string, unknown> },
  replaced: ReadonlyMap<string, BlobRef>,
): { data: JsonValue; metadata: Record<string, unknown> } {
  if (replaced.size === 0) return document;
  let text = JSON.stringify(document.data);
  for (const [old, now] of replaced) text = text.split(old).join(now.sha256);
  const blobs = Array.isArray(document.metadata['blobs'])
    ? (document.metadata['blobs'] as BlobRef[]).map((ref) => replaced.get(ref.sha256) ?? ref)
    : document.metadata['blobs'];
  return {
    data: JSON.parse(text) as JsonValue,
    metadata: { ...document.metadata, ...(blobs !== undefined && { blobs }) },
  };
}
