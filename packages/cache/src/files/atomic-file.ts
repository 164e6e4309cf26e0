import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync, constants } from 'node:fs';
import { basename, dirname, join } from 'node:path';

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
 * write a temp file in the same directory, flush it to disk, then rename it over the target.
 * `O_EXCL` means the temp name can never follow a planted symlink out of the directory.
 */
export function writeFileAtomic(target: string, bytes: Uint8Array, options: { durable?: boolean } = {}): void {
  const temp = tempPathFor(target);
  const fd = openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o644);
  try {
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
    if (options.durable !== false) fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    unlinkQuietly(temp);
    throw error;
  }
  closeSync(fd);
  try {
    renameSync(temp, target);
  } catch (error) {
    unlinkQuietly(temp);
    throw error;
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
