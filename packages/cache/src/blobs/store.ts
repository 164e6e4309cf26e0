import { createHash } from 'node:crypto';
import {
  constants,
  createReadStream,
  createWriteStream,
  mkdirSync,
  readdirSync,
  renameSync,
  statSync,
  type Stats,
} from 'node:fs';
import { chmod, copyFile, link, mkdir, rename, stat, unlink, utimes } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { digestingStage } from './digesting-stage.js';
import { renameDurably, syncDirectory, tempPathFor, unlinkQuietly } from '../files/atomic-file.js';
import { BlobCorruptError, BlobNotFoundError, InvalidDigestError, isNotFoundError } from '../errors.js';
import type { BlobRef } from '../entries/format.js';
import type { CacheLayout } from '../files/layout.js';
import { quarantineFile } from '../housekeeping/quarantine.js';

const DIGEST = /^[0-9a-f]{64}$/;

/** Inclusive byte offsets, as in an HTTP Range header. */
export interface ByteRange {
  readonly start?: number;
  readonly end?: number;
}
const STREAM_CHUNK = 1024 * 1024;

export function assertDigest(sha256: string): void {
  if (typeof sha256 !== 'string' || !DIGEST.test(sha256)) throw new InvalidDigestError(String(sha256));
}

/**
 * Content-addressed storage for posters, clips and videos under `blobs/sha256/ab/abcdef…`.
 * Bytes are streamed (never held whole in memory), stored once whatever the number of entries
 * that refer to them, and checked against their digest whenever they are restored.
 */
export class BlobStore {
  constructor(
    private readonly layout: CacheLayout,
    private readonly durable = true,
  ) {}

  pathOf(sha256: string): string {
    assertDigest(sha256);
    return join(this.layout.blobs, sha256.slice(0, 2), sha256);
  }

  statSync(sha256: string): Stats | undefined {
    try {
      return statSync(this.pathOf(sha256));
    } catch (error) {
      if (isNotFoundError(error)) return undefined;
      throw error;
    }
  }

  has(ref: Pick<BlobRef, 'sha256' | 'bytes'>): boolean {
    return this.statSync(ref.sha256)?.size === ref.bytes;
  }

  /** Stream `source` into the store while hashing it; a blob already there is not written twice. */
  async put(source: Readable, mediaType: string): Promise<BlobRef> {
    await mkdir(this.layout.blobTemp, { recursive: true });
    const temp = tempPathFor(join(this.layout.blobTemp, 'incoming'));
    const digest = digestingStage();
    try {
      await pipeline(
        source,
        digest.stage,
        createWriteStream(temp, { flags: 'wx', highWaterMark: STREAM_CHUNK, flush: true }),
      );
      const { sha256, bytes } = digest.result();
      const target = this.pathOf(sha256);
      const existing = await stat(target).catch(() => undefined);
      if (existing?.size === bytes) {
        unlinkQuietly(temp);
        // Reused: mark it as in use now, so housekeeping in another process keeps it for the grace
        // period while the entry that will refer to it is still being made.
        const now = new Date();
        await utimes(target, now, now).catch(() => undefined);
      } else {
        await mkdir(dirname(target), { recursive: true });
        await rename(temp, target);
        if (this.durable) syncDirectory(dirname(target));
      }
      return { sha256, bytes, media_type: mediaType };
    } catch (error) {
      unlinkQuietly(temp);
      throw error;
    }
  }

  putFile(path: string, mediaType: string): Promise<BlobRef> {
    return this.put(createReadStream(path, { highWaterMark: STREAM_CHUNK }), mediaType);
  }

  /**
   * Copy a blob to `destination` (atomically, via a temp file beside it), checking its digest on
   * the way. A blob whose bytes no longer match is quarantined and reported, never handed out.
   */
  async restore(sha256: string, destination: string, source = this.pathOf(sha256)): Promise<void> {
    const stored = source === this.pathOf(sha256);
    await mkdir(dirname(destination), { recursive: true });
    const temp = tempPathFor(destination);
    const digest = digestingStage();
    try {
      await pipeline(
        createReadStream(source, { highWaterMark: STREAM_CHUNK }),
        digest.stage,
        createWriteStream(temp, { flags: 'wx', highWaterMark: STREAM_CHUNK }),
      );
    } catch (error) {
      unlinkQuietly(temp);
      if (isNotFoundError(error) && (error as NodeJS.ErrnoException).path === source)
        throw new BlobNotFoundError(sha256);
      throw error;
    }
    const actual = digest.result().sha256;
    if (actual !== sha256) {
      unlinkQuietly(temp);
      const moved = stored ? quarantineFile(this.layout, source, 'blob_checksum') : undefined;
      throw new BlobCorruptError(sha256, actual, moved);
    }
    renameSync(temp, destination);
  }

  /**
   * Put a blob at `destination` without copying its bytes when the file system allows: a reflink
   * (copy on write) where it can clone, else a hard link to the stored file (made read-only, so
   * the link cannot be used to change the stored bytes), else a copy checked against the digest
   * (`restore`). Says which it did.
   */
  async place(sha256: string, destination: string): Promise<'reflink' | 'link' | 'copy'> {
    const source = this.pathOf(sha256);
    await mkdir(dirname(destination), { recursive: true });
    const temp = tempPathFor(destination);
    try {
      await copyFile(source, temp, constants.COPYFILE_FICLONE_FORCE);
      await rename(temp, destination);
      return 'reflink';
    } catch (error) {
      await unlink(temp).catch(() => undefined);
      if (isNotFoundError(error) && (error as NodeJS.ErrnoException).path === source)
        throw new BlobNotFoundError(sha256);
    }
    try {
      await chmod(source, 0o444);
      await link(source, temp);
      await rename(temp, destination);
      return 'link';
    } catch {
      await unlink(temp).catch(() => undefined);
    }
    await this.restore(sha256, destination);
    return 'copy';
  }

  /** Stream a blob's bytes, e.g. to an HTTP response; the caller checks nothing, so only serve known digests. */
  openRead(sha256: string, range?: ByteRange): Readable {
    return createReadStream(this.pathOf(sha256), { highWaterMark: STREAM_CHUNK, ...range });
  }

  /** Re-hash a stored blob: its actual digest, or undefined when it is missing. */
  async digestOf(sha256: string): Promise<string | undefined> {
    try {
      return (await digestFile(this.pathOf(sha256))).sha256;
    } catch (error) {
      if (isNotFoundError(error)) return undefined;
      throw error;
    }
  }

  /** Every stored blob with its size and modification time. */
  listSync(): { sha256: string; bytes: number; mtimeMs: number }[] {
    const blobs: { sha256: string; bytes: number; mtimeMs: number }[] = [];
    for (const fan of readdirSafe(this.layout.blobs)) {
      for (const name of readdirSafe(join(this.layout.blobs, fan))) {
        if (!DIGEST.test(name) || name.slice(0, 2) !== fan) continue;
        try {
          const stats = statSync(join(this.layout.blobs, fan, name));
          blobs.push({ sha256: name, bytes: stats.size, mtimeMs: stats.mtimeMs });
        } catch {
          // Removed while we listed it.
        }
      }
    }
    return blobs;
  }

  deleteSync(sha256: string): void {
    unlinkQuietly(this.pathOf(sha256));
  }

  ensureDirectories(): void {
    mkdirSync(this.layout.blobs, { recursive: true });
  }

  /** Move a temp file that already holds a blob's bytes into place (used by tiers that download). */
  adoptSync(temp: string, sha256: string): void {
    const target = this.pathOf(sha256);
    mkdirSync(dirname(target), { recursive: true });
    renameDurably(temp, target, this.durable);
  }
}

/** The digest and size of a file, streamed. */
export async function digestFile(path: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: STREAM_CHUNK }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  return { sha256: hash.digest('hex'), bytes };
}

export function readdirSafe(path: string): string[] {
  try {
    return readdirSync(path);
  } catch {
    return [];
  }
}
