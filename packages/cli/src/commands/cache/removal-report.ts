import { ORPHAN_GRACE_MS, type RemovalResult } from '@streamgank/cache';
import { formatBytes, formatDuration } from '../../format.js';
import type { Output } from '../../output.js';

/** What `clear` and `prune` removed (or would remove, on a dry run). */
export function printRemoval(output: Output, result: RemovalResult, directory: string): void {
  if (output.json) return output.document(result);
  for (const file of result.removed) output.result(`  ${file}`);
  for (const file of result.skipped_pinned) output.result(`  skipped ${file} (pinned)`);
  if (result.removed.length === 0 && result.removed_versions === 0) {
    output.result(`Nothing to remove in ${directory}.${skippedPinned(result)}`);
    return;
  }
  const what = [
    result.removed.length > 0 && count(result.removed.length, 'entry', 'entries'),
    result.removed_versions > 0 && count(result.removed_versions, 'kept version', 'kept versions'),
    result.removed_blobs.length > 0 && count(result.removed_blobs.length, 'media blob', 'media blobs'),
  ].filter(Boolean);
  const list = what.length > 1 ? `${what.slice(0, -1).join(', ')} and ${what.at(-1)}` : what[0];
  output.result(
    (result.dry_run
      ? `Would remove ${list} from ${directory}, freeing ${formatBytes(result.freed_bytes)} (dry run: nothing was removed).`
      : `Removed ${list} from ${directory}, freeing ${formatBytes(result.freed_bytes)}.`) +
      keptYoungBlobs(result) +
      skippedPinned(result),
  );
}

/** Blobs too young to remove: another run may be about to use them. Say when they will go. */
function keptYoungBlobs(result: RemovalResult): string {
  const kept = result.kept_blobs.length;
  if (kept === 0) return '';
  return ` Kept ${count(kept, 'media blob', 'media blobs')} stored or used in the last ${formatDuration(ORPHAN_GRACE_MS)} (a run in another process may be about to use ${kept === 1 ? 'it' : 'them'}); a clear, prune or 'streamgank cache verify --fix' after that removes ${kept === 1 ? 'it' : 'them'}.`;
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Pinned entries are golden fixtures: say which were left, and how to remove them anyway. */
function skippedPinned(result: RemovalResult): string {
  const skipped = result.skipped_pinned.length;
  if (skipped === 0) return '';
  return ` Skipped ${count(skipped, 'pinned entry', 'pinned entries')}: pass --include-pinned to remove ${skipped === 1 ? 'it' : 'them'} too, or unpin with 'streamgank cache unpin <file>'.`;
}
