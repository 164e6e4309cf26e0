import { createHash, type Hash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * Files under `.streamgank/` that only record lookups (hits, misses, last use for pruning). They
 * change with every hit, while the entries stay as they were, so the entries' version leaves them
 * out. Any other file there (the index, its journal, whatever the cache adds later) counts for
 * the entries too: an unknown file costs a refetch, never a stale table.
 */
const LOOKUP_RECORDS = new Set(['activity.jsonl', 'activity-summary.json', 'access-times.json']);

export interface CacheVersions {
  /** Changes whenever the cache does: an entry written or removed, a hit or a miss recorded. */
  readonly all: string;
  /** Changes when the entries do (written, removed, quarantined, found stale), not on a hit or a miss. */
  readonly entries: string;
}

/**
 * Short tokens that change whenever the cache does, cheap enough to poll every few seconds (a
 * handful of stat calls, whatever the number of entries). Entry files are written by rename
 * and removed by unlink, which change the directory's mtime; the index journal and the activity
 * log under `.streamgank/` grow with every write, hit and miss. An entry file edited in place
 * by hand is not noticed until something else changes.
 */
export function cacheVersions(directory: string): CacheVersions {
  const root = resolve(directory);
  const state = join(root, '.streamgank');
  const all = createHash('sha256');
  const entries = createHash('sha256');
  const add = (text: string, hashes: readonly Hash[]) => {
    for (const hash of hashes) hash.update(text);
  };
  add(describe(root), [all, entries]);
  add(describe(join(root, '.quarantine')), [all, entries]);
  // Its own mtime moves when the activity log is folded (a new summary renamed into place); each
  // file in it is described below anyway, so only `all` needs it.
  add(describe(state), [all]);
  for (const name of listSorted(state)) {
    add(`${name}:${describe(join(state, name))}`, LOOKUP_RECORDS.has(name) ? [all] : [all, entries]);
  }
  return { all: all.digest('hex').slice(0, 16), entries: entries.digest('hex').slice(0, 16) };
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
