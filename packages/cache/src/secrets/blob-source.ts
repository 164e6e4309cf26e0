import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CacheContext } from '../context.js';
import { tempPathFor, unlinkQuietly } from '../files/atomic-file.js';
import type { BlobRef } from '../entries/format.js';
import { isTextLike, MAX_SCANNED_BLOB_BYTES } from './scanner.js';

/**
 * The file to store as a blob: `path` itself, or, for a text-like blob (JSON, text, subtitles)
 * holding a secret, a redacted copy of it (removed by `done`). Media files are stored as they are.
 */
export function secretFreeSource(
  context: CacheContext,
  path: string,
  mediaType: string,
): { path: string; done: () => void } {
  const unchanged = { path, done: () => {} };
  if (!isTextLike(mediaType)) return unchanged;
  const size = statSync(path, { throwIfNoEntry: false })?.size ?? 0;
  if (size === 0 || size > MAX_SCANNED_BLOB_BYTES) return unchanged;
  const { text, kinds } = context.secrets.redactText(readFileSync(path, 'utf8'));
  if (kinds.length === 0) return unchanged;
  mkdirSync(context.layout.blobTemp, { recursive: true });
  const copy = tempPathFor(join(context.layout.blobTemp, 'redacted'));
  writeFileSync(copy, text, { flag: 'wx' });
  context.secrets.report(
    `a ${mediaType} blob from ${path}`,
    [...new Set(kinds)].map((kind) => ({ path: 'bytes', kind })),
    'took out before storing',
  );
  return { path: copy, done: () => unlinkQuietly(copy) };
}

/** Store the file at `path` as a blob, redacted first when it is text holding a secret. */
export async function putSecretFree(context: CacheContext, path: string, mediaType: string): Promise<BlobRef> {
  const source = secretFreeSource(context, path, mediaType);
  try {
    return await context.blobs.putFile(source.path, mediaType);
  } finally {
    source.done();
  }
}
