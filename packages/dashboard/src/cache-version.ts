import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * A short token that changes whenever the cache does, cheap enough to poll every few seconds
 * (a handful of stat calls, whatever the number of entries). Entry files are written by rename
 * and removed by unlink, which change the directory's mtime; the index journal and the activity
 * log under `.streamgank/` grow with every write, hit and miss. An entry file edited in place
 * by hand is not noticed until something else changes.
 */
export function cacheVersion(directory: string): string {
  const root = resolve(directory);
  const state = join(root, '.streamgank');
  const hash = createHash('sha256');
  for (const path of [root, state, join(root, '.quarantine')]) hash.update(describe(path));
  for (const name of listSorted(state)) hash.update(`${name}:${describe(join(state, name))}`);
  return hash.digest('hex').slice(0, 16);
}

function describe(path: string): string {
  const stats = statSync(path, { bigint: true, throwIfNoEntry: false });
  return stats ? `${stats.size}/${stats.mtimeNs}/${stats.ino};` : 'none;';
}

function listSorted(path: string): string[] {
  try {
    return readdirSync(path).sort();
  } catch {
    return [];
  }
}
