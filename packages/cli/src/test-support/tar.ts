import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';

/** One member of a tar archive, as the tests read and write them: any name, any type. */
export interface TarMember {
  readonly path: string;
  readonly type?: 'file' | 'symlink' | 'hardlink' | 'directory';
  readonly linkpath?: string;
  readonly body?: Buffer;
}

const BLOCK = 512;
const TYPE_FLAGS = { file: '0', hardlink: '1', symlink: '2', directory: '5' } as const;

function field(header: Buffer, offset: number, length: number, value: string): void {
  header.write(value, offset, Math.min(length, Buffer.byteLength(value)), 'utf8');
}

function octal(header: Buffer, offset: number, length: number, value: number): void {
  field(header, offset, length, `${value.toString(8).padStart(length - 1, '0')}\0`);
}

function text(header: Buffer, offset: number, length: number): string {
  const raw = header.subarray(offset, offset + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end === -1 ? length : end).toString('utf8');
}

/** A ustar header written by hand: the names go in untouched, `../` and absolute ones included. */
function header(member: TarMember, size: number): Buffer {
  const block = Buffer.alloc(BLOCK);
  if (Buffer.byteLength(member.path) > 100) throw new Error(`tar test helper: name too long: ${member.path}`);
  field(block, 0, 100, member.path);
  octal(block, 100, 8, 0o644);
  octal(block, 108, 8, 0);
  octal(block, 116, 8, 0);
  octal(block, 124, 12, size);
  octal(block, 136, 12, Math.floor(Date.now() / 1000));
  field(block, 148, 8, ' '.repeat(8));
  field(block, 156, 1, TYPE_FLAGS[member.type ?? 'file']);
  if (member.linkpath !== undefined) field(block, 157, 100, member.linkpath);
  field(block, 257, 8, 'ustar\u000000');
  let sum = 0;
  for (const byte of block) sum += byte;
  field(block, 148, 8, `${sum.toString(8).padStart(6, '0')}\0 `);
  return block;
}

/** A .tar.gz of `members`, in order. */
export function writeTarGz(path: string, members: readonly TarMember[]): void {
  const blocks: Buffer[] = [];
  for (const member of members) {
    const body = (member.type ?? 'file') === 'file' ? (member.body ?? Buffer.alloc(0)) : Buffer.alloc(0);
    blocks.push(header(member, body.length), body, Buffer.alloc((BLOCK - (body.length % BLOCK)) % BLOCK));
  }
  blocks.push(Buffer.alloc(2 * BLOCK));
  writeFileSync(path, gzipSync(Buffer.concat(blocks)));
}

/** The plain-file members of a .tar.gz, in order (fails on anything else: these tests only read bundles). */
export function readTarGz(path: string): TarMember[] {
  const archive = gunzipSync(readFileSync(path));
  const members: TarMember[] = [];
  for (let offset = 0; offset + BLOCK <= archive.length;) {
    const block = archive.subarray(offset, offset + BLOCK);
    if (block.every((byte) => byte === 0)) break;
    const size = Number.parseInt(text(block, 124, 12).trim() || '0', 8);
    const type = text(block, 156, 1) || '0';
    if (type !== '0') throw new Error(`tar test helper: unexpected member type ${JSON.stringify(type)}`);
    const prefix = text(block, 345, 155);
    const name = text(block, 0, 100);
    offset += BLOCK;
    members.push({
      path: prefix ? `${prefix}/${name}` : name,
      body: Buffer.from(archive.subarray(offset, offset + size)),
    });
    offset += Math.ceil(size / BLOCK) * BLOCK;
  }
  return members;
}
