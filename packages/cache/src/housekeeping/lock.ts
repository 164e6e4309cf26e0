import { closeSync, mkdirSync, openSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A best-effort lock between processes for housekeeping (compacting logs): `O_EXCL` creation of a
 * lock file holding the owner's pid. A lock older than `staleMs` is taken to be left by a crash.
 * Returns a release function, or undefined when another process holds the lock.
 */
export function tryLock(locksDirectory: string, name: string, staleMs = 30_000): (() => void) | undefined {
  const path = join(locksDirectory, `${name}.lock`);
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      mkdirSync(locksDirectory, { recursive: true });
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => {
        try {
          unlinkSync(path);
        } catch {
          // Already released.
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return undefined;
      try {
        if (Date.now() - statSync(path).mtimeMs < staleMs) return undefined;
        unlinkSync(path);
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}
