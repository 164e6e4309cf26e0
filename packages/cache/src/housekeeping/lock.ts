import { mkdirSync, readdirSync } from 'node:fs';
import type { LockFile } from '@rushstack/node-core-library/lib/LockFile';
import { CacheBusyError, isUnwritableError } from '../errors.js';
import { requiredOnFirstUse } from '../required-on-first-use.js';

/**
 * Locks between processes on one machine, kept by Rush's `LockFile`
 * (`@rushstack/node-core-library`): each holder owns a file named after its pid, a lock left by a
 * process that is gone (checked by pid and process start time, so a reused pid is not mistaken for
 * it) is taken over at once, and releasing removes only the holder's own file, so it can never
 * delete another holder's lock. Loaded on first use: only housekeeping and log compaction lock.
 */
const lockFileModule = requiredOnFirstUse<{ LockFile: typeof LockFile }>('@rushstack/node-core-library/lib/LockFile');

function lockFile(): typeof LockFile {
  return lockFileModule().LockFile;
}

export interface HeldLock {
  /** True when the previous holder died holding it (what it was doing may be half done). */
  readonly tookOverFromDeadHolder: boolean;
  release(): void;
}

/** Take the lock now, or return undefined when another process holds it (or locks cannot be written). */
export function tryLock(locksDirectory: string, name: string): HeldLock | undefined {
  try {
    mkdirSync(locksDirectory, { recursive: true });
    const held = lockFile().tryAcquire(locksDirectory, name);
    if (!held) return undefined;
    return {
      tookOverFromDeadHolder: held.dirtyWhenAcquired,
      release: () => {
        if (!held.isReleased) held.release();
      },
    };
  } catch (error) {
    if (isUnwritableError(error)) return undefined;
    throw error;
  }
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

interface LockWait {
  readonly waitMs: number;
  readonly directory: string;
  readonly what: string;
}

/**
 * The tries at the lock: yields each time the caller should wait 50 ms and try again, and returns
 * `{ lock }` to go ahead (`lock` undefined when locks cannot be written: a cache that cannot be
 * written can remove nothing anyway, and says so). Throws CacheBusyError when the lock stays held.
 */
function* attempts(locksDirectory: string, name: string, options: LockWait): Generator<void, { lock?: HeldLock }> {
  const deadline = Date.now() + options.waitMs;
  for (;;) {
    try {
      mkdirSync(locksDirectory, { recursive: true });
    } catch (error) {
      if (isUnwritableError(error)) return {};
      throw error;
    }
    const held = tryLock(locksDirectory, name);
    if (held) return { lock: held };
    if (Date.now() >= deadline)
      throw new CacheBusyError(options.directory, options.what, holderPids(locksDirectory, name));
    yield;
  }
}

const WAIT_MS = 50;

/** Run `work` holding the named lock, waiting up to `waitMs` for another holder to finish. */
export function withLock<T>(
  locksDirectory: string,
  name: string,
  options: LockWait,
  work: (lock: HeldLock | undefined) => T,
): T {
  const tries = attempts(locksDirectory, name, options);
  let next = tries.next();
  while (!next.done) {
    // Housekeeping is synchronous (the seed's functions are): wait without spinning.
    Atomics.wait(sleeper, 0, 0, WAIT_MS);
    next = tries.next();
  }
  try {
    return work(next.value.lock);
  } finally {
    next.value.lock?.release();
  }
}

/** `withLock` for work that awaits: the lock is held until `work` settles. */
export async function withLockAsync<T>(
  locksDirectory: string,
  name: string,
  options: LockWait,
  work: (lock: HeldLock | undefined) => Promise<T>,
): Promise<T> {
  const tries = attempts(locksDirectory, name, options);
  let next = tries.next();
  while (!next.done) {
    await new Promise((resolve) => setTimeout(resolve, WAIT_MS));
    next = tries.next();
  }
  try {
    return await work(next.value.lock);
  } finally {
    next.value.lock?.release();
  }
}

/** The pids named by the lock's files, for the message that says who holds it. */
function holderPids(locksDirectory: string, name: string): number[] {
  try {
    return readdirSync(locksDirectory)
      .map((file) => new RegExp(`^${name}#(\\d+)\\.lock$`).exec(file)?.[1])
      .filter((pid): pid is string => pid !== undefined)
      .map(Number);
  } catch {
    return [];
  }
}
