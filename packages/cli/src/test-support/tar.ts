import { readFileSync, writeFileSync } from 'node:fs';
import { buffer } from 'node:stream/consumers';
import { gunzipSync, gzipSync } from 'node:zlib';
import { extract, pack, type Header } from 'tar-stream';

/** One member of a tar archive, as the tests read and write them: any name, any type. */
export interface TarMember {
  readonly path: string;
  readonly type?: 'file' | 'symlink' | 'hardlink' | 'directory';
  readonly linkpath?: string;
  readonly body?: Buffer;
}

const HEADER_TYPES = { file: 'file', hardlink: 'link', symlink: 'symlink', directory: 'directory' } as const;

/**
 * A .tar.gz of `members`, in order. tar-stream writes each name as it is given, `../` and absolute
 * ones included, which is what the tests of a hostile bundle need.
 */
export async function writeTarGz(path: string, members: readonly TarMember[]): Promise<void> {
  const archive = pack();
  const bytes = buffer(archive);
  for (const member of members) {
    const type = member.type ?? 'file';
    const header: Partial<Header> & Pick<Header, 'name'> = { name: member.path, type: HEADER_TYPES[type], mode: 0o644 };
    if (member.linkpath !== undefined) header.linkname = member.linkpath;
    archive.entry(header, type === 'file' ? (member.body ?? Buffer.alloc(0)) : Buffer.alloc(0));
  }
  archive.finalize();
  writeFileSync(path, gzipSync(await bytes));
}

/** The plain-file members of a .tar.gz, in order (fails on anything else: these tests only read bundles). */
export async function readTarGz(path: string): Promise<TarMember[]> {
  const archive = extract();
  archive.end(gunzipSync(readFileSync(path)));
  const members: TarMember[] = [];
  for await (const entry of archive) {
    if (entry.header.type !== 'file') throw new Error(`tar test helper: unexpected member type ${entry.header.type}`);
    members.push({ path: entry.header.name, body: await buffer(entry) });
  }
  return members;
}
