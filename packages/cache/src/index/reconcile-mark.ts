import { mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { writeFileAtomic } from '../files/atomic-file.js';
import { readJsonFile } from '../files/jsonl.js';

/** The directory's modification time when the index last matched its listing exactly. */
interface ReconcileMark {
  readonly directory_mtime_ns: string;
  /** How many files the index held then: a snapshot lost or damaged since shows as a different count. */
  readonly files: number;
}

/** The directory's modification time (nanoseconds), or undefined when it does not exist. */
export function directoryTime(root: string): bigint | undefined {
  return statSync(root, { bigint: true, throwIfNoEntry: false })?.mtimeNs;
}

/**
 * True when the index can be trusted without listing the directory: the directory has not changed
 * since they last matched (its modification time says so) and the index still holds as many files
 * as it did then.
 */
export function markHolds(markFile: string, root: string, fileCount: number): boolean {
  const mtimeNs = directoryTime(root);
  if (mtimeNs === undefined) return fileCount === 0;
  const mark = readJsonFile<ReconcileMark>(markFile);
  return mark?.directory_mtime_ns === String(mtimeNs) && mark.files === fileCount;
}

/**
 * Record that the index matched the directory as it was at `mtimeNs`, when the listing that found
 * so began at `checkedAt` (ms since the epoch). A change made in the same clock tick as the last
 * one leaves the directory's time as it was, so a mark is only taken once any later change must
 * carry a later time (`markSettleMs`): until then, every listing checks the directory again.
 */
export function writeMark(markFile: string, mtimeNs: bigint, checkedAt: number, files: number): void {
  if (checkedAt - Number(mtimeNs / 1_000_000n) <= markSettleMs(mtimeNs)) return;
  try {
    const mark: ReconcileMark = { directory_mtime_ns: String(mtimeNs), files };
    mkdirSync(dirname(markFile), { recursive: true });
    writeFileAtomic(markFile, Buffer.from(JSON.stringify(mark)), { durable: false });
  } catch {
    // Read-only cache: every listing reconciles, which is only slower.
  }
}

/** The settle time for times that are whole seconds (FAT keeps even seconds, HFS+ and ext3 whole ones). */
const COARSE_SETTLE_MS = 3000;
/**
 * The least settle time: a file system that keeps sub-second times is stamped from the kernel's
 * clock, which runs up to one tick (at most 10 ms) behind the time of day, so two ticks and the
 * file system's own step are what a later change could share; this is several times that.
 */
const FINE_SETTLE_MS = 100;

/**
 * How long after `mtimeNs` a later change to the directory is sure to show as a later time. A file
 * system's time step is told from the time itself: a time that is a multiple of 10 ms could come
 * from one that keeps only hundredths (exFAT), a whole second from one that keeps only seconds.
 * A fine time that happens to be round only means a longer wait, never a mark taken too soon.
 */
export function markSettleMs(mtimeNs: bigint): number {
  let fraction = Number(mtimeNs % 1_000_000_000n);
  if (fraction === 0) return COARSE_SETTLE_MS;
  let stepNs = 1;
  while (fraction % 10 === 0) {
    fraction /= 10;
    stepNs *= 10;
  }
  return Math.max(FINE_SETTLE_MS, (3 * stepNs) / 1_000_000);
}
