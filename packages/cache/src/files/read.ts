import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { identityOf, type FileIdentity } from './identity.js';

/**
 * A file's bytes and the identity of exactly those bytes (fstat of the descriptor that read them,
 * so a file replaced while it is read cannot pair one version's bytes with another's identity).
 * Never follows a symbolic link (ELOOP): a link planted in the cache cannot make it read elsewhere.
 * Throws what `open` and `read` throw.
 */
export function readWithIdentity(path: string): { bytes: Buffer; identity: FileIdentity } {
  return readInto(path, (size) => Buffer.allocUnsafe(size));
}

/** Files up to this size are read into one buffer kept for the next read; bigger ones get their own. */
const REUSED_BUFFER_BYTES = 1024 * 1024;
let reused: Buffer | undefined;

/**
 * As `readWithIdentity`, for a caller that is done with the bytes before it reads another file (a
 * cache hit parses them and lets go). They are read into a buffer kept between calls: a new buffer
 * per read is memory outside V8's heap, which makes V8 collect more often, and on a busy machine
 * that was a quarter of a hit's time.
 */
export function readTransientWithIdentity(path: string): { bytes: Buffer; identity: FileIdentity } {
  return readInto(path, (size) =>
    size > REUSED_BUFFER_BYTES ? Buffer.allocUnsafe(size) : (reused ??= Buffer.allocUnsafeSlow(REUSED_BUFFER_BYTES)),
  );
}

/** Open without following a link, take the descriptor's identity, read every byte into `bufferFor(size)`. */
function readInto(path: string, bufferFor: (size: number) => Buffer): { bytes: Buffer; identity: FileIdentity } {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW);
  try {
    const stats = fstatSync(fd);
    return { bytes: readAll(fd, bufferFor(stats.size), stats.size), identity: identityOf(stats) };
  } finally {
    closeSync(fd);
  }
}

function readAll(fd: number, buffer: Buffer, size: number): Buffer {
  let offset = 0;
  while (offset < size) {
    const read = readSync(fd, buffer, offset, size - offset, offset);
    if (read === 0) break;
    offset += read;
  }
  return buffer.subarray(0, offset);
}
