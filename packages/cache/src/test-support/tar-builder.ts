import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { Header } from 'tar';

/** One member of a hand-made archive: any name, any type, any bytes. */
export interface RawMember {
  readonly path: string;
  readonly type?: 'File' | 'SymbolicLink' | 'Link' | 'Directory' | 'CharacterDevice' | 'FIFO';
  readonly linkpath?: string;
  readonly body?: Buffer | string;
}

/**
 * Build a .tar.gz byte for byte, names untouched: the tar package's own writer would refuse or
 * rewrite the hostile names (`../evil`, `/etc/passwd`) these tests need.
 */
export function rawTarGz(members: readonly RawMember[]): Buffer {
  const blocks: Buffer[] = [];
  for (const member of members) {
    const body = Buffer.from(member.body ?? '');
    const header = new Header({
      path: member.path,
      type: member.type ?? 'File',
      size: member.type === undefined || member.type === 'File' ? body.length : 0,
      mode: 0o644,
      uid: 0,
      gid: 0,
      mtime: new Date(),
      ...(member.linkpath !== undefined && { linkpath: member.linkpath }),
      ...(member.type === 'CharacterDevice' && { devmaj: 1, devmin: 3 }),
    });
    header.encode();
    blocks.push(header.block as Buffer);
    if (header.size) {
      blocks.push(body);
      const rest = body.length % 512;
      if (rest) blocks.push(Buffer.alloc(512 - rest));
    }
  }
  blocks.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(blocks));
}

export function writeRawTarGz(path: string, members: readonly RawMember[]): string {
  writeFileSync(path, rawTarGz(members));
  return path;
}
