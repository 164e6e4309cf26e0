import type { CacheContext } from '../context.js';
import { entryMatcher, type EntryFilter } from '../entries/filter.js';
import { rowStatus } from '../index/row-status.js';
import type { IndexedEntry } from '../index/record.js';
import { withLock } from './lock.js';
import { removeFiles, type RemovalResult } from './remove.js';

export interface ClearOptions {
  readonly dryRun?: boolean;
  /** Remove pinned entries too (they are skipped otherwise). */
  readonly includePinned?: boolean;
}

/**
 * Remove the entries matching `filter` (every entry without one), their histories, and the blobs
 * nothing else on disk refers to. Every file holding a matching entry goes, whatever its name (a
 * Python-era twin too); pinned entries stay unless `includePinned`. Holds the cache's housekeeping
 * lock, and decides from the files as they are now.
 */
export function clearEntries(
  context: CacheContext,
  filter: EntryFilter = {},
  options: ClearOptions = {},
): RemovalResult {
  return withLock(context.layout.locks, 'housekeeping', lockOptions(context, 'clear'), () => {
    const view = context.index.view({ check: true });
    const matches = entryMatcher(filter, context.now());
    const doomed: IndexedEntry[] = [];
    const skippedPinned: string[] = [];
    view.forEachRow((row) => {
      if (view.table.kind(row) === 'foreign') return;
      const entry = view.table.entry(row);
      if (!matches(entry, entry.file, rowStatus(view, row))) return;
      if (!options.includePinned && context.pins.isPinned(entry.file)) skippedPinned.push(entry.file);
      else doomed.push(entry);
    });
    return removeFiles(context, view, {
      entries: doomed,
      withHistory: true,
      skippedPinned,
      dryRun: options.dryRun ?? false,
    });
  });
}

export function lockOptions(context: CacheContext, what: string) {
  return { waitMs: context.lockWaitMs, directory: context.directory, what };
}
