import { createReadStream, createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { extract, type Header } from 'tar-stream';
import { digestingStage } from '../blobs/digesting-stage.js';
import { tempPathFor, unlinkQuietly } from '../files/atomic-file.js';
import { InvalidBundleError } from './errors.js';
import { classifyMember, MAX_MANIFEST_BYTES, type BundleManifest } from './format.js';
import type { ResolvedBundleLimits } from './limits.js';

/** A blob member written to a temp file in the cache's blob area, its bytes checked against its name. */
export interface StagedBlob {
  readonly sha256: string;
  readonly temp: string;
  readonly bytes: number;
}

/** Everything read from a bundle, before anything is installed into the cache. */
export interface ReadBundle {
  readonly manifest: BundleManifest;
  readonly entries: Map<string, Buffer>;
  readonly blobs: Map<string, StagedBlob>;
  readonly refused: { path: string; reason: string }[];
  /** Why the archive stopped early (truncated, damaged), when it did. */
  damage: string | undefined;
}

export interface ReadOptions {
  readonly blobTemp: string;
  readonly limits: ResolvedBundleLimits;
  /** Check the manifest (shape, format, limits, free space); throws InvalidBundleError to refuse the bundle. */
  readonly acceptManifest: (bytes: Buffer) => BundleManifest;
}

/**
 * Stream a bundle through gunzip and a tar reader that waits for each member to be consumed, so
 * memory stays bounded whatever the archive holds. The manifest must come first: every later
 * member is checked against it (and the limits) from its header, before a byte of it is written.
 * A member that is too large, or a blob the manifest does not name, refuses the whole bundle and
 * nothing is left behind; links, devices and unexpected names are refused one by one and skipped.
 */
export async function readBundle(file: string, options: ReadOptions): Promise<ReadBundle> {
  const { limits } = options;
  const staged = new Map<string, StagedBlob>();
  const refuseBundle = (why: string): never => {
    discard(staged);
    throw new InvalidBundleError(file, why);
  };
  const source = createReadStream(file);
  const unpack = extract();
  const flowing = pipeline(source, createGunzip(), unpack);
  let damage: string | undefined;
  flowing.catch((error: unknown) => {
    damage = (error as Error).message;
  });

  let read: ReadBundle | undefined;
  let members = 0;
  let total = 0;
  const seen = new Set<string>();
  try {
    for await (const member of unpack) {
      const header = member.header;
      // tar-stream's bodies are streams of Buffers; its types say `unknown`.
      const entry = member as AsyncIterable<Buffer>;
      members += 1;
      total += header.size ?? 0;
      if (members > limits.maxMembers) refuseBundle(`it holds more than ${limits.maxMembers} members`);
      if (total > limits.maxTotalBytes) refuseBundle(`its members unpack to more than ${limits.maxTotalBytes} bytes`);
      if (!read) {
        if (header.name !== 'manifest.json' || header.type !== 'file') {
          refuseBundle('it has no manifest.json as its first member (make bundles with `streamgank cache export`)');
        }
        if ((header.size ?? 0) > MAX_MANIFEST_BYTES)
          refuseBundle(`its manifest.json is larger than ${MAX_MANIFEST_BYTES} bytes`);
        const manifest = options.acceptManifest(await collect(entry));
        read = { manifest, entries: new Map(), blobs: staged, refused: [], damage: undefined };
        seen.add('manifest');
        continue;
      }
      await readMember(entry, header, read, seen, options, refuseBundle);
    }
    await flowing;
  } catch (error) {
    if (error instanceof InvalidBundleError) {
      unpack.destroy();
      source.destroy();
      await flowing.catch(() => undefined);
      throw error;
    }
    damage ??= (error as Error).message;
  }
  if (!read) {
    discard(staged);
    throw new InvalidBundleError(
      file,
      `it has no manifest.json${damage ? ` (the archive is damaged: ${damage})` : ''}`,
    );
  }
  read.damage = damage;
  return read;
}

/** A member's body as tar-stream hands it over: read it (or skip it) before the next member comes. */
type MemberBody = AsyncIterable<Buffer>;

async function readMember(
  entry: MemberBody,
  header: Header,
  read: ReadBundle,
  seen: Set<string>,
  options: ReadOptions,
  refuseBundle: (why: string) => never,
): Promise<void> {
  const size = header.size ?? 0;
  const skip = async (reason: string) => {
    read.refused.push({ path: header.name, reason });
    await drain(entry);
  };
  const member = classifyMember(header.name, tarType(header.type), header.linkname ?? undefined);
  if (member.kind === 'refused') return skip(member.reason);
  if (member.kind === 'directory') return drain(entry);
  if (member.kind === 'manifest') return skip('a second member with the same name');
  const identity = member.kind === 'entry' ? `e:${member.file}` : `b:${member.sha256}`;
  if (seen.has(identity)) return skip('a second member with the same name');
  seen.add(identity);

  if (member.kind === 'entry') {
    const declared = read.manifest.entries.find((described) => described.file === member.file);
    if (size > options.limits.maxEntryBytes) {
      refuseBundle(`its entry ${member.file} is ${size} bytes, over the limit of ${options.limits.maxEntryBytes}`);
    }
    if (declared && declared.bytes !== size) return skip(`${size} bytes, the manifest says ${declared.bytes}`);
    const bytes = await collect(entry);
    if (bytes.length !== size)
      return void read.refused.push({ path: header.name, reason: 'cut short (the archive ends early)' });
    read.entries.set(member.file, bytes);
    return;
  }
  const declared = read.manifest.blobs.find((blob) => blob.sha256 === member.sha256);
  if (!declared) refuseBundle(`it holds blob ${member.sha256}, which its manifest does not name`);
  if (size > options.limits.maxBlobBytes) {
    refuseBundle(`its blob ${member.sha256} is ${size} bytes, over the limit of ${options.limits.maxBlobBytes}`);
  }
  if (declared && declared.bytes !== size)
    refuseBundle(`its blob ${member.sha256} is ${size} bytes, the manifest says ${declared.bytes}`);
  await stageBlob(entry, member.sha256, size, options.blobTemp, read);
}

async function stageBlob(
  entry: MemberBody,
  sha256: string,
  size: number,
  blobTemp: string,
  read: ReadBundle,
): Promise<void> {
  mkdirSync(blobTemp, { recursive: true });
  const temp = tempPathFor(join(blobTemp, sha256));
  const digest = digestingStage();
  try {
    await pipeline(entry, digest.stage, createWriteStream(temp, { flags: 'wx', flush: true }));
  } catch {
    unlinkQuietly(temp);
    read.refused.push({ path: `blobs/${sha256}`, reason: 'cut short (the archive ends early)' });
    return;
  }
  const { sha256: actual, bytes } = digest.result();
  if (bytes !== size) {
    unlinkQuietly(temp);
    return void read.refused.push({ path: `blobs/${sha256}`, reason: 'cut short (the archive ends early)' });
  }
  if (actual !== sha256) {
    unlinkQuietly(temp);
    return void read.refused.push({
      path: `blobs/${sha256}`,
      reason: `its bytes do not match its name (they hash to sha256:${actual})`,
    });
  }
  read.blobs.set(sha256, { sha256, temp, bytes });
}

/** tar-stream's member types, in the words `classifyMember` uses. */
function tarType(type: Header['type']): string {
  const names: Record<string, string> = {
    file: 'File',
    'contiguous-file': 'ContiguousFile',
    link: 'Link',
    symlink: 'SymbolicLink',
    directory: 'Directory',
    'character-device': 'CharacterDevice',
    'block-device': 'BlockDevice',
    fifo: 'FIFO',
  };
  return names[type ?? 'file'] ?? String(type);
}

async function collect(entry: MemberBody): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of entry) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** Read a member's body to its end without keeping it (tar-stream waits until it is read). */
async function drain(entry: MemberBody): Promise<void> {
  for await (const _chunk of entry) {
    // Skipped: only read so that the next member can come.
  }
}

/** Remove every staged blob that was not moved into the cache. */
export function discardStaged(read: Pick<ReadBundle, 'blobs'>): void {
  discard(read.blobs);
}

function discard(blobs: Map<string, StagedBlob>): void {
  for (const blob of blobs.values()) unlinkQuietly(blob.temp);
  blobs.clear();
}
