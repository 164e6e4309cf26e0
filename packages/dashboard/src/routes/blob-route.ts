import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import type { BlobRef } from '@streamgank/cache';
import type { CacheListings } from '../cache-listings.js';
import { cacheVersions } from '../cache-version.js';
import type { KeptVersionBlobs } from '../kept-version-blobs.js';
import { BLOB_POLICY, HttpError, SECURITY_HEADERS } from '../http/responses.js';
import { parseByteRange } from './byte-range.js';

const DIGEST = /^[0-9a-f]{64}$/;

/**
 * Media types a browser may show inline. Anything else an entry declares (HTML, SVG, scripts) is
 * sent as a download, so a cache entry can never put a document on the dashboard's origin.
 */
const INLINE_MEDIA =
  /^(?:image\/(?:png|jpeg|gif|webp|avif)|video\/(?:mp4|webm|ogg|quicktime)|audio\/(?:mpeg|mp4|ogg|wav|webm|aac))$/;

export function isInlineMediaType(mediaType: string): boolean {
  return INLINE_MEDIA.test(mediaType.toLowerCase());
}

/** Where the blob route looks a digest up: the entries' blobs, then those of versions kept in their histories. */
export interface BlobLookup {
  readonly listings: CacheListings;
  readonly keptVersions: KeptVersionBlobs;
}

/**
 * The blob an entry or a kept version of one refers to, by digest; the digest is the only thing a
 * request can name. The entries' blobs are looked up first (a slice of the listing kept for the
 * entries version); the histories only for a digest no entry refers to.
 */
export async function referencedBlob(lookup: BlobLookup, digest: string): Promise<BlobRef> {
  if (!DIGEST.test(digest)) {
    throw new HttpError(400, 'Bad blob digest: expected 64 lower-case hex characters (sha256).');
  }
  const { listings } = lookup;
  const versions = cacheVersions(listings.cache.directory);
  const ref = listings.referencedBlob(versions.entries, digest) ?? lookup.keptVersions.find(versions.all, digest);
  if (!ref) throw new HttpError(404, `No cache entry or kept version refers to blob sha256:${digest}.`);
  if (!listings.cache.hasBlob(ref)) {
    throw new HttpError(404, `Blob sha256:${digest} is missing from the cache; run "streamgank cache verify".`);
  }
  return ref;
}

export async function serveBlob(
  lookup: BlobLookup,
  digest: string,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const ref = await referencedBlob(lookup, digest);
  const { cache } = lookup.listings;
  const inline = isInlineMediaType(ref.media_type);
  const etag = `"sha256-${ref.sha256}"`;
  const headers: Record<string, string> = {
    ...SECURITY_HEADERS,
    'Content-Security-Policy': BLOB_POLICY,
    'Content-Type': inline ? ref.media_type.toLowerCase() : 'application/octet-stream',
    'Accept-Ranges': 'bytes',
    'Cache-Control': 'private, max-age=3600',
    ETag: etag,
    ...(!inline && { 'Content-Disposition': `attachment; filename="${ref.sha256}.bin"` }),
  };
  if (request.headers['if-none-match'] === etag) {
    response.writeHead(304, headers);
    response.end();
    return;
  }
  const range = parseByteRange(request.headers['range'], ref.bytes);
  if (range === 'unsatisfiable') {
    throw new HttpError(416, `The requested range is outside the blob (${ref.bytes} bytes).`, {
      'Content-Range': `bytes */${ref.bytes}`,
    });
  }
  const length = range ? range.end - range.start + 1 : ref.bytes;
  response.writeHead(range ? 206 : 200, {
    ...headers,
    'Content-Length': String(length),
    ...(range && { 'Content-Range': `bytes ${range.start}-${range.end}/${ref.bytes}` }),
  });
  if (request.method === 'HEAD' || length === 0) {
    response.end();
    return;
  }
  const source = cache.openBlob(ref.sha256, range);
  try {
    await pipeline(source, response);
  } catch {
    source.destroy();
    // Headers are gone already: the only honest signal left is a cut connection.
    response.destroy();
  }
}
