import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { identityOf, type FileIdentity } from './identity.js';

/**
 * A file's bytes and the identity of exactly those bytes (fstat of the descriptor that read them,
 * so a file replaced while it is read cannot pair one version's bytes with another's identity).
 * Never follows a symbolic link (ELOOP): a link planted in the cache cannot make it read elsewhere.
 * Throws what `open` and `read` throw.
 */
export function readWithIdentity(path: string): { bytes: Buffer; identity: FileIdentity } {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW);
  try {
    const stats = fstatSync(fd);
    const bytes = Buffer.allocUnsafe(stats.size);
    let offset = 0;
    while (offset < stats.size) {
      const read = readSync(fd, bytes, offset, stats.size - offset, offset);
      if (read === 0) break;
      offset += read;
    }
    return { bytes: offset === stats.size ? bytes : bytes.subarray(0, offset), identity: identityOf(stats) };
  } finally {
    closeSync(fd);
  }
}
