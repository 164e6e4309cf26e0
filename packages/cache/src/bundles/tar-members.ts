import { Header, Pax } from 'tar';

const BLOCK = 512;

/**
 * The bytes that open a plain-file member of a tar archive: a ustar header, preceded by a PAX
 * header when the name does not fit (entry names can be longer than ustar's 100 characters).
 * Owners and modes are fixed, so a bundle says nothing about the machine that made it.
 */
export function fileHeader(path: string, size: number, mtime: Date): Buffer {
  const fields = { path, size, mtime, mode: 0o644, uid: 0, gid: 0, uname: '', gname: '', type: 'File' as const };
  const header = new Header(fields);
  const needsPax = header.encode();
  const block = header.block as Buffer;
  return needsPax ? Buffer.concat([new Pax({ path, size, mtime }).encode(), block]) : block;
}

/** Zeros that pad a member's body to a whole number of blocks. */
export function padding(size: number): Buffer {
  const rest = size % BLOCK;
  return Buffer.alloc(rest === 0 ? 0 : BLOCK - rest);
}

/** Two zero blocks: the end of the archive. */
export function endOfArchive(): Buffer {
  return Buffer.alloc(2 * BLOCK);
}
