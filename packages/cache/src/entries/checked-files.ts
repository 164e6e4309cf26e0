import { sameIdentity, type FileIdentity } from '../files/identity.js';

/** How many entry files a cache remembers as checked (the last ones read). */
const REMEMBERED = 256;

/**
 * A file's timestamps come from a clock that ticks every few milliseconds: a file rewritten in
 * place, to the same size, within the tick it was read in would keep its identity. A file is
 * remembered only once it is older than this, so such a rewrite always shows as a new identity.
 */
const RACY_MS = 50;

/**
 * Entry files whose checksum this process has already compared, by path and identity (inode, size,
 * modification time), with the outcome (edited by hand, or not). Reading the same unchanged file
 * again (a test suite's hundredth `loadTestData` of one fixture) then skips the data's SHA-256,
 * as git skips rehashing a file whose stat data it has seen. The bytes are still read and parsed:
 * what is returned is always what is on disk.
 */
export class CheckedEntryFiles {
  private readonly checked = new Map<string, { readonly identity: FileIdentity; readonly edited: boolean }>();

  /** Whether the file was found edited, when it is unchanged since it was checked. */
  editedIfUnchanged(path: string, identity: FileIdentity): boolean | undefined {
    const known = this.checked.get(path);
    return known && sameIdentity(known.identity, identity) ? known.edited : undefined;
  }

  remember(path: string, identity: FileIdentity, edited: boolean, now = Date.now()): void {
    if (now - identity.mtimeMs < RACY_MS) return;
    this.checked.delete(path);
    if (this.checked.size >= REMEMBERED) this.checked.delete(this.checked.keys().next().value as string);
    this.checked.set(path, { identity, edited });
  }
}
