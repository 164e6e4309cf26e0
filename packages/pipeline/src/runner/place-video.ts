import { statSync } from 'node:fs';
import type { Cache } from '@streamgank/cache';
import type { StoredBlob } from '../blob-ref.js';

/** What the last run left at the video's path: enough to tell, without reading it, that it is still that file. */
export interface PlacedVideo {
  readonly sha256: string;
  readonly bytes: number;
  readonly mtime_ms: number;
  readonly ino: number;
}

function stampOf(path: string, sha256: string): PlacedVideo {
  const stat = statSync(path);
  return { sha256, bytes: stat.size, mtime_ms: stat.mtimeMs, ino: stat.ino };
}

function stillInPlace(path: string, video: StoredBlob, previous: PlacedVideo | undefined): boolean {
  if (!previous || previous.sha256 !== video.sha256 || previous.bytes !== video.bytes) return false;
  try {
    const stat = statSync(path);
    return stat.size === previous.bytes && stat.mtimeMs === previous.mtime_ms && stat.ino === previous.ino;
  } catch {
    return false;
  }
}

/**
 * Put the final video at `destination` without copying it when that can be avoided:
 *  - the file the last run placed there, untouched since (same size, modification time and inode),
 *    is kept: a warm run writes no video at all;
 *  - a video this run made is moved from the scratch folder: a rename on one file system, and
 *    across file systems (EXDEV, e.g. a tmpfs /tmp) fs-extra copies it and removes the original;
 *  - otherwise the cache places its blob: a reflink or a hard link to the stored file where the
 *    file system allows, else a copy checked against its digest.
 */
export async function placeVideo(
  cache: Cache,
  video: StoredBlob,
  destination: string,
  madeHere: string | undefined,
  previous: PlacedVideo | undefined,
): Promise<PlacedVideo> {
  if (stillInPlace(destination, video, previous) && previous) return previous;
  if (madeHere) {
    const { default: fsExtra } = await import('fs-extra');
    await fsExtra.move(madeHere, destination, { overwrite: true });
  } else await cache.placeBlob(video.sha256, destination);
  return stampOf(destination, video.sha256);
}
