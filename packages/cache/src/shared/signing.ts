import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

const SCHEME = 'hmac-sha256:';
const CONTEXT = 'streamgank-shared-entry-v1';

/**
 * The signature of an entry published to the shared tier: HMAC-SHA256, under the team's key,
 * over the entry's name, the SHA-256 of its bytes and the digests of the blobs it refers to (as
 * Turborepo signs remote cache artifacts). Blobs need no signature of their own: they are
 * fetched by digest and checked against it.
 */
export function signEntry(key: string, file: string, bytes: Buffer, blobDigests: readonly string[]): string {
  const mac = createHmac('sha256', key);
  mac.update(`${CONTEXT}\0${file}\0${createHash('sha256').update(bytes).digest('hex')}\0`);
  mac.update([...blobDigests].sort().join(','));
  return `${SCHEME}${mac.digest('hex')}`;
}

/** True when `signature` is the one `key` gives these bytes. */
export function verifyEntry(
  key: string,
  file: string,
  bytes: Buffer,
  blobDigests: readonly string[],
  signature: string | undefined,
): boolean {
  if (typeof signature !== 'string' || !signature.startsWith(SCHEME)) return false;
  const expected = Buffer.from(signEntry(key, file, bytes, blobDigests));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
