import type { RemovalResult } from '@streamgank/cache';
import { formatBytes } from '../../format.js';
import type { Output } from '../../output.js';

/** What `clear` and `prune` removed (or would remove, on a dry run). */
export function printRemoval(output: Output, result: RemovalResult, directory: string): void {
  if (output.json) return output.document(result);
  if (result.removed.length === 0) {
    output.result(`Nothing to remove in ${directory}.`);
    return;
  }
  for (const file of result.removed) output.result(`  ${file}`);
  const entries = `${result.removed.length} ${result.removed.length === 1 ? 'entry' : 'entries'}`;
  const blobs = result.removed_blobs.length > 0 ? ` and ${result.removed_blobs.length} media blobs` : '';
  output.result(
    result.dry_run
      ? `Would remove ${entries}${blobs} from ${directory}, freeing ${formatBytes(result.freed_bytes)} (dry run: nothing was removed).`
      : `Removed ${entries}${blobs} from ${directory}, freeing ${formatBytes(result.freed_bytes)}.`,
  );
}
