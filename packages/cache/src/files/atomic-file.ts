import { randomBytes } from 'node:crypto';
import { closeSync, constants, fstatSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { FileIdentity } from './identity.js';

/**
 * Temp files sit beside their target (so the rename is atomic, on one file system) and carry the
 * writer's pid, so that `verify` can tell a live writer's file from one a crash left behind.
 */
export function tempPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

const TEMP_PATTERN = /^\.(.+)\.(\d+)\.[0-9a-f]{8}\.tmp$/;

export function parseTempName(name: string): { target: string; pid: number } | undefined {
  const match = TEMP_PATTERN.exec(name);
  return match ? { target: match[1] as string, pid: Number(match[2]) } : undefined;
}

/**
 * Replace `target` with `bytes` so that a reader sees the old file or the new one, never a mix:
 * write a temp file in the same directory, flush it to disk, rename it over the target, then flush
 * the directory, so that a power loss cannot forget a file reported as saved. `O_EXCL` means the
 * temp name can never follow a planted symlink out of the directory. Returns the identity of the
 * file now at `target` (a rename keeps the inode, size and modification time).
 */
export function writeFileAtomic(target: string, bytes: Uint8Array, options: { durable?: boolean } = {}): FileIdentity {
  const durable = options.durable !== false;
  const temp = tempPathFor(target);
  const fd = openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o644);
  let identity: FileIdentity;
  try {
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
    if (durable) fsyncSync(fd);
    const stats = fstatSync(fd);
    identity = { ino: stats.ino, size: stats.size, mtimeMs: stats.mtimeMs };
  } catch (error) {
    closeSync(fd);
    unlinkQuietly(temp);
    throw error;
  }
  closeSync(fd);
  renameDurably(temp, target, durable);
  return identity;
}

/** Rename `from` over `to`, then (when durable) flush the directory that now names it. */
export function renameDurably(from: string, to: string, durable = true): void {
  try {
    renameSync(from, to);
  } catch (error) {
    unlinkQuietly(from);
    throw error;
  }
  if (durable) syncDirectory(dirname(to));
}

/**
 * Flush a directory's entries to disk (POSIX: the rename is only durable once its directory is).
 * Platforms that cannot open a directory for syncing (Windows) are left as they are.
 */
export function syncDirectory(directory: string): void {
  let fd: number;
  try {
    fd = openSync(directory, 'r');
  } catch {
    return;
  }
  try {
    fsyncSync(fd);
  } catch {
    // EINVAL/EPERM on file systems that do not sync directories: nothing more can be done.
  } finally {
    closeSync(fd);
  }
}

export function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone, or the directory is read-only: nothing more to do.
  }
}

export function isProcessAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
