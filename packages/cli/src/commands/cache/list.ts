import type { Cache, ListedEntry } from '@streamgank/cache';
import type { Command } from 'commander';
import { commandContext, withCache, type CommandContext } from '../../command-context.js';
import { formatBytes, renderTable, type Column } from '../../format.js';
import { describeFilter, entryFilterFrom, type FilterFlags } from './entry-filter.js';

const COLUMNS: readonly Column<ListedEntry>[] = [
  { header: 'FILE', value: (entry) => entry.filename },
  { header: 'TYPE', value: (entry) => entry.data_type },
  { header: 'COUNTRY', value: (entry) => entry.parameters.country },
  { header: 'GENRE', value: (entry) => entry.parameters.genre },
  { header: 'PLATFORM', value: (entry) => entry.parameters.platform },
  { header: 'SIZE', value: (entry) => formatBytes(entry.size_bytes + entry.blob_bytes), align: 'right' },
  { header: 'SAVED', value: (entry) => entry.saved_datetime || '-' },
  { header: 'STATUS', value: (entry) => entry.status },
  { header: 'PINNED', value: (entry) => (entry.pinned ? 'pinned' : '-') },
];

export default async function listEntries(flags: FilterFlags, command: Command): Promise<void> {
  const context = commandContext(command);
  await withCache(context, (cache) => printList(context, cache, flags));
}

function printList({ output }: CommandContext, cache: Cache, flags: FilterFlags): void {
  const filter = entryFilterFrom(cache, flags);
  const result = cache.list(filter);
  if (output.json) return output.document(result);
  const selection = describeFilter(filter, flags);
  if (result.total_count === 0) {
    output.result(`No cached entries${selection ? ` match ${selection}` : ''} in ${cache.directory}.`);
    return;
  }
  output.result(renderTable(result.files, COLUMNS));
  const blobBytes = result.files.reduce((sum, entry) => sum + entry.blob_bytes, 0);
  output.result(
    `\n${result.total_count} ${result.total_count === 1 ? 'entry' : 'entries'} in ${cache.directory}: ` +
      `${formatBytes(result.files.reduce((sum, entry) => sum + entry.size_bytes, 0))} of entry files` +
      (blobBytes > 0 ? ` and ${formatBytes(blobBytes)} of media they refer to` : ''),
  );
}
