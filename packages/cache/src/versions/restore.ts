import type { CacheContext } from '../context.js';
import { VersionNotFoundError, EntryNotFoundError } from '../errors.js';
import { installEntry } from '../entries/write.js';
import { entryVersions } from './entry-versions.js';

export interface RestoreResult {
  readonly file: string;
  /** The version made current again. */
  readonly restored_version: number;
  /** Where the version it replaced went: its id in the history. */
  readonly replaced_version_id: string | null;
}

/**
 * Make version `version` of an entry current again: the version in place goes to the history,
 * and the restored one is a hit for the inputs it was made from. Pinned entries can be restored
 * (it is a person's explicit choice); they stay pinned.
 */
export function restoreVersion(context: CacheContext, file: string, version: number): RestoreResult {
  const found = entryVersions(context, file);
  if (!found) throw new EntryNotFoundError(file, context.directory);
  const chosen = found.versions.find((candidate) => candidate.version === version);
  if (!chosen)
    throw new VersionNotFoundError(
      file,
      version,
      found.versions.map((candidate) => candidate.version),
    );
  const before = context.versions.list(found.historyOf).map((stored) => stored.id);
  const installed = installEntry(
    context,
    { bytes: chosen.bytes, metadata: chosen.entry.metadata, legacy: chosen.entry.legacy, edited: chosen.entry.edited },
    { what: 'restoring', overridePin: true },
  );
  if (!installed.metadata) throw new EntryNotFoundError(file, context.directory);
  if (chosen.stored && chosen.version !== 0) context.versions.remove(chosen.stored);
  const added = context.versions.list(found.historyOf).find((stored) => !before.includes(stored.id));
  context.activity.record({
    t: context.now(),
    ev: 'write',
    file: installed.file,
    type: chosen.entry.metadata.data_type,
  });
  return { file: installed.file, restored_version: version, replaced_version_id: added?.id ?? null };
}
