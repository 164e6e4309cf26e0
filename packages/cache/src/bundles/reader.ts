import { digestingStage } from '../blobs/digesting-stage.js';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { list, type ReadEntry } from 'tar';
import { tempPathFor, unlinkQuietly } from '../files/atomic-file.js';
import { MAX_ENTRY_MEMBER_BYTES, MAX_MANIFEST_BYTES, classifyMember } from './format.js';

/** A blob member written to a temp file in the cache's blob area, and whether its bytes match its name. */
export interface StagedBlob {
  readonly sha256: string;
  readonly temp: string;
  readonly bytes: number;
}

/** Everything read from a bundle, before anything is installed into the cache. */
export interface ReadBundle {
  manifest: Buffer | undefined;
  readonly entries: Map<string, Buffer>;
  readonly blobs: Map<string, StagedBlob>;
  readonly refused: { path: string; reason: string }[];
  /** Why the archive stopped early (truncated, damaged, not gzip/tar), when it did. */
  damage: string | undefined;
}

/**
 * Stream a bundle: the manifest and entry files are kept in memory (each bounded), blobs go to
 * temp files under `blobTemp` while they are hashed, and every other member is refused and
 * skipped. Member names are matched against the three shapes a bundle holds, never used as paths.
 */
export async function readBundle(file: string, blobTemp: string): Promise<ReadBundle> {
  const read: ReadBundle = {
    manifest: undefined,
    entries: new Map(),
    blobs: new Map(),
    refused: [],
    damage: undefined,
  };
  const pending: Promise<void>[] = [];
  const open = new Map<AbortController, ReadEntry>();
  const seen = new Set<string>();
  const refuse = (entry: ReadEntry, reason: string) => {
    read.refused.push({ path: entry.path, reason });
    entry.resume();
  };

  let finished = false;
  const onReadEntry = (entry: ReadEntry) => {
    // The parser can still hand out a member after it failed: the damage report covers it.
    if (finished) return void entry.resume();
    const member = classifyMember(entry.path, entry.type, entry.linkpath);
    if (member.kind === 'refused') return refuse(entry, member.reason);
    if (member.kind === 'directory') return void entry.resume();
    const identity =
      member.kind === 'manifest' ? 'manifest' : member.kind === 'entry' ? `e:${member.file}` : `b:${member.sha256}`;
    if (seen.has(identity)) return refuse(entry, 'a second member with the same name');
    seen.add(identity);
    const stop = new AbortController();
    open.set(stop, entry);
    const done = () => open.delete(stop);
    if (member.kind === 'blob') {
      pending.push(stageBlob(entry, member.sha256, blobTemp, stop.signal, read).finally(done));
      return;
    }
    const limit = member.kind === 'manifest' ? MAX_MANIFEST_BYTES : MAX_ENTRY_MEMBER_BYTES;
    if (entry.size > limit) {
      done();
      return refuse(entry, `${entry.size} bytes, more than a ${member.kind} can be (${limit})`);
    }
    pending.push(
      collect(entry, stop.signal)
        .then((bytes) => {
          if (bytes.length !== entry.size)
            return void read.refused.push({ path: entry.path, reason: 'cut short (the archive ends early)' });
          if (member.kind === 'manifest') read.manifest = bytes;
          else read.entries.set(member.file, bytes);
        })
        .finally(done),
    );
  };

  try {
    await list({
      file,
      noResume: true,
      strict: false,
      onReadEntry,
      onwarn: (code, message, data) => {
        if (code === 'TAR_BAD_ARCHIVE' || code === 'TAR_ABORT') read.damage ??= message;
        else if (code.startsWith('TAR_ENTRY'))
          read.refused.push({
            path: (data as { entry?: { path?: string } }).entry?.path ?? '(archive)',
            reason: message,
          });
      },
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && (error as NodeJS.ErrnoException).path === file)
      throw error;
    read.damage ??= (error as Error).message;
  }
  finished = true;
  // A damaged archive can stop the parser in the middle of a member, whose stream then never
  // ends: stop those. Members that got all their bytes are still being written; let them finish.
  if (read.damage) for (const [stop, entry] of open) if (entry.remain > 0) stop.abort();
  const failed = (await Promise.allSettled(pending)).find((outcome) => outcome.status === 'rejected');
  if (failed) {
    discardStaged(read);
    throw failed.reason;
  }
  return read;
}

/** Remove every staged blob that was not moved into the cache. */
export function discardStaged(read: ReadBundle): void {
  for (const blob of read.blobs.values()) unlinkQuietly(blob.temp);
  read.blobs.clear();
}

async function stageBlob(
  entry: ReadEntry,
  sha256: string,
  blobTemp: string,
  signal: AbortSignal,
  read: ReadBundle,
): Promise<void> {
  mkdirSync(blobTemp, { recursive: true });
  const temp = tempPathFor(join(blobTemp, sha256));
  const digest = digestingStage();
  const out = createWriteStream(temp, { flags: 'wx', flush: true });
  try {
    await pipeline(entry, digest.stage, out, { signal });
  } catch (error) {
    // An aborted stream may still be opening its file: remove it only once it is closed.
    if (!out.closed) await new Promise<void>((resolve) => out.once('close', () => resolve()));
    unlinkQuietly(temp);
    if (signal.aborted)
      return void read.refused.push({ path: entry.path, reason: 'cut short (the archive ends early)' });
    // Drain the member so the rest of the archive is still read (and its temp files cleaned up).
    entry.resume();
    throw error;
  }
  const { sha256: actual, bytes } = digest.result();
  if (bytes !== entry.size) {
    unlinkQuietly(temp);
    return void read.refused.push({ path: entry.path, reason: 'cut short (the archive ends early)' });
  }
  if (actual !== sha256) {
    unlinkQuietly(temp);
    return void read.refused.push({
      path: entry.path,
      reason: `its bytes do not match its name (they hash to sha256:${actual})`,
    });
  }
  read.blobs.set(sha256, { sha256, temp, bytes });
}

function collect(entry: ReadEntry, signal: AbortSignal): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const finish = () => resolve(Buffer.concat(chunks));
    entry.on('data', (chunk: Buffer) => chunks.push(chunk));
    entry.on('end', finish);
    signal.addEventListener('abort', finish, { once: true });
  });
}
