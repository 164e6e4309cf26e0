import { readFileSync } from 'node:fs';
import type { CacheContext } from '../context.js';
import type { BlobRef, ParsedEntry } from '../entries/format.js';
import type { Redaction } from './redact.js';
import { isTextLike, MAX_SCANNED_BLOB_BYTES } from './scanner.js';

/** Metadata fields that are ours and hold no caller text (digests, times, the record of redactions). */
const OWN_FIELDS = new Set([
  'data_sha256',
  'inputs_fingerprint',
  'saved_timestamp',
  'saved_datetime',
  'format_version',
  'redactions',
  'blobs',
]);

/** The secrets an entry on disk still holds, by path and kind (nothing is changed). */
export function entrySecrets(context: CacheContext, entry: Pick<ParsedEntry, 'data' | 'metadata'>): Redaction[] {
  const metadata = Object.fromEntries(Object.entries(entry.metadata).filter(([name]) => !OWN_FIELDS.has(name)));
  return [
    ...context.secrets.redact(entry.data, 'data').redactions,
    ...context.secrets.redact(metadata, 'metadata').redactions,
  ];
}

/** The kinds of secret a text-like blob holds (media files are not read). */
export function blobSecrets(context: CacheContext, ref: BlobRef): string[] {
  if (!isTextLike(ref.media_type) || ref.bytes > MAX_SCANNED_BLOB_BYTES || ref.bytes === 0) return [];
  try {
    return [...new Set(context.secrets.redactText(readFileSync(context.blobs.pathOf(ref.sha256), 'utf8')).kinds)];
  } catch {
    return [];
  }
}

/** Where an entry and its text blobs hold secrets, for a refusal that says what to do. */
export function describeSecrets(
  context: CacheContext,
  entry: Pick<ParsedEntry, 'data' | 'metadata'>,
): string | undefined {
  const places = entrySecrets(context, entry).map((found) => `${found.path} (${found.kind})`);
  for (const ref of entry.metadata.blobs ?? []) {
    for (const kind of blobSecrets(context, ref)) places.push(`blob sha256:${ref.sha256.slice(0, 12)} (${kind})`);
  }
  return places.length > 0 ? places.slice(0, 5).join(', ') : undefined;
}
