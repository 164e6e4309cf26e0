import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { unlinkQuietly, writeFileAtomic } from '../files/atomic-file.js';
import type { CacheLayout } from '../files/layout.js';
import { isNotFoundError } from '../errors.js';

/** One kept version of an entry: the entry file's exact bytes as they were before it was replaced. */
export interface StoredVersion {
  /** The version file's name inside the entry's history folder. */
  readonly id: string;
  readonly path: string;
  /** When the version was saved (its own `saved_timestamp`, seconds). */
  readonly saved_timestamp: number;
  readonly bytes: number;
  /** The first 12 hex digits of the SHA-256 of the version's bytes. */
  readonly short_sha256: string;
  /** A result produced for a pinned entry: kept here instead of replacing it. */
  readonly candidate: boolean;
  /** When the version file was written here (ms, the file system's clock). */
  readonly mtime_ms: number;
}

const VERSION_NAME = /^(\d{13,})-([0-9a-f]{12})(\.candidate)?\.json$/;

/**
 * An entry's earlier versions, under `history/<entry file>/`: one file per version, named by its
 * saved time and digest, holding the entry file's bytes exactly (so its blobs stay referenced and
 * housekeeping keeps them). Written atomically; the same bytes are kept once.
 */
export class VersionStore {
  constructor(private readonly layout: CacheLayout) {}

  folderOf(entryFile: string): string {
    return join(this.layout.history, entryFile);
  }

  /** Keep `bytes` as a version of `entryFile`; returns the version, or undefined when it could not be written. */
  keep(
    entryFile: string,
    bytes: Buffer,
    savedTimestamp: number,
    options: { candidate?: boolean; durable?: boolean } = {},
  ): StoredVersion {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const stamp = String(Math.max(0, Math.round(savedTimestamp * 1000))).padStart(13, '0');
    const id = `${stamp}-${sha256.slice(0, 12)}${options.candidate ? '.candidate' : ''}.json`;
    const folder = this.folderOf(entryFile);
    const path = join(folder, id);
    let mtimeMs = statSync(path, { throwIfNoEntry: false })?.mtimeMs;
    for (let attempt = 0; mtimeMs === undefined; attempt += 1) {
      try {
        mkdirSync(folder, { recursive: true });
        mtimeMs = writeFileAtomic(path, bytes, { durable: options.durable ?? true }).mtimeMs;
      } catch (error) {
        // A clear in another process removed the folder between the two calls: make it again, once.
        if (!isNotFoundError(error) || attempt > 0) throw error;
      }
    }
    return {
      id,
      path,
      saved_timestamp: savedTimestamp,
      bytes: bytes.length,
      short_sha256: sha256.slice(0, 12),
      candidate: options.candidate ?? false,
      mtime_ms: mtimeMs,
    };
  }

  /** The versions kept for `entryFile`, newest first. */
  list(entryFile: string): StoredVersion[] {
    const folder = this.folderOf(entryFile);
    const versions: StoredVersion[] = [];
    for (const id of readdirSafe(folder)) {
      const match = VERSION_NAME.exec(id);
      if (!match) continue;
      const path = join(folder, id);
      const stats = statSync(path, { throwIfNoEntry: false });
      if (!stats?.isFile()) continue;
      versions.push({
        id,
        path,
        saved_timestamp: Number(match[1]) / 1000,
        bytes: stats.size,
        short_sha256: match[2] as string,
        candidate: match[3] !== undefined,
        mtime_ms: stats.mtimeMs,
      });
    }
    return versions.sort((a, b) => b.saved_timestamp - a.saved_timestamp || (a.id < b.id ? 1 : -1));
  }

  /** A version's bytes, or undefined when it is gone since it was listed (another process trimmed or cleared it). */
  read(version: StoredVersion): Buffer | undefined {
    try {
      return readFileSync(version.path);
    } catch (error) {
      if (isNotFoundError(error)) return undefined;
      throw error;
    }
  }

  remove(version: StoredVersion): void {
    unlinkQuietly(version.path);
  }

  /**
   * Remove `entryFile`'s history folder when nothing is left in it. A writer in another process
   * may have kept a version there (or be writing one) since the caller listed it: that folder stays.
   */
  removeFolderIfEmpty(entryFile: string): void {
    try {
      rmdirSync(this.folderOf(entryFile));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOTEMPTY' && code !== 'EEXIST' && code !== 'ENOENT') throw error;
    }
  }

  /** Keep at most `keep` versions of `entryFile` (the newest); returns those removed. */
  trim(entryFile: string, keep: number): StoredVersion[] {
    const removed = this.list(entryFile).slice(keep);
    for (const version of removed) this.remove(version);
    return removed;
  }

  /** The entry files that have a history folder. */
  entryFiles(): string[] {
    return readdirSafe(this.layout.history);
  }
}

function readdirSafe(path: string): string[] {
  try {
    return readdirSync(path);
  } catch {
    return [];
  }
}
