import { mkdirSync, renameSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import type { CacheLayout } from '../files/layout.js';

/**
 * Move a file that cannot be trusted into `.quarantine/`, keeping it for a person to inspect:
 * a bad entry is never served, never silently deleted, and never stops the run. Returns the new
 * path relative to the cache root, or undefined when the file could not be moved (gone already,
 * or a read-only cache).
 */
export function quarantineFile(layout: CacheLayout, path: string, reason: string): string | undefined {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const target = join(layout.quarantine, `${basename(path)}.${stamp}.${process.pid}.${reason}`);
  try {
    mkdirSync(layout.quarantine, { recursive: true });
    renameSync(path, target);
    return relative(layout.root, target);
  } catch {
    return undefined;
  }
}
