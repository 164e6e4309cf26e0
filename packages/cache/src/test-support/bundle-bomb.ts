import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { constants, createGzip } from 'node:zlib';
import { pack } from 'tar-stream';

export interface BombMember {
  readonly name: string;
  /** What the member's header says it holds; its body is that many zero bytes, streamed. */
  readonly size: number;
}

const ZEROS = Buffer.alloc(1024 * 1024);

/** The SHA-256 of `size` zero bytes (what a zero-filled blob member is called when it is honest). */
export function zerosDigest(size: number): string {
  const hash = createHash('sha256');
  for (let left = size; left > 0; left -= ZEROS.length)
    hash.update(left >= ZEROS.length ? ZEROS : ZEROS.subarray(0, left));
  return hash.digest('hex');
}

/**
 * A .tar.gz with `manifest` first, then `files`, then members of zeros: gigabytes of zeros compress to a few
 * megabytes, the shape of a decompression bomb. Written by streaming, never held in memory.
 */
export async function writeBomb(
  path: string,
  manifest: unknown,
  members: readonly BombMember[],
  files: readonly { name: string; body: Buffer }[] = [],
): Promise<void> {
  const archive = pack();
  const written = pipeline(archive, createGzip({ level: constants.Z_BEST_SPEED }), createWriteStream(path));
  const manifestBytes = Buffer.from(JSON.stringify(manifest));
  await new Promise<void>((resolve, reject) =>
    archive.entry({ name: 'manifest.json', size: manifestBytes.length }, manifestBytes, (error) =>
      error ? reject(error) : resolve(),
    ),
  );
  for (const file of files) {
    await new Promise<void>((resolve, reject) =>
      archive.entry({ name: file.name, size: file.body.length }, file.body, (error) =>
        error ? reject(error) : resolve(),
      ),
    );
  }
  for (const member of members) {
    const sink = archive.entry({ name: member.name, size: member.size });
    await pipeline(
      Readable.from(
        (function* () {
          for (let left = member.size; left > 0; left -= ZEROS.length)
            yield left >= ZEROS.length ? ZEROS : ZEROS.subarray(0, left);
        })(),
      ),
      sink as unknown as NodeJS.WritableStream,
    );
  }
  archive.finalize();
  await written;
}

/** A manifest of the current format naming `blobs` and no entries. */
export function manifestOf(blobs: readonly { sha256: string; bytes: number }[]) {
  return {
    format: 'streamgank-cache-bundle',
    format_version: 1,
    created_timestamp: Date.now() / 1000,
    created_datetime: '2026-12-01 12:00:00',
    entries: [],
    blobs: blobs.map((blob) => ({ ...blob, media_type: 'video/mp4' })),
  };
}
