import { exportBundle, type ExportReport } from '@streamgank/cache/bundles';
import type { Command } from 'commander';
import { commandContext, withCache } from '../../command-context.js';
import { formatBytes } from '../../format.js';
import type { Output } from '../../output.js';
import { describeFilter, entryFilterFrom, type FilterFlags } from './entry-filter.js';

/** `cache export <file.tar.gz> [filters]`: the selected entries and their blobs, as a bundle for another machine. */
export default async function exportEntries(file: string, flags: FilterFlags, command: Command): Promise<void> {
  const context = commandContext(command);
  const { report, selection } = await withCache(context, async (cache) => {
    const filter = entryFilterFrom(cache, flags);
    return { report: await exportBundle(cache, file, filter), selection: describeFilter(filter, flags) };
  });
  if (report.entries.length === 0) {
    context.output.warn(
      `warning: no cached entries${selection ? ` match ${selection}` : ''} in ${context.config.cacheDir}; ${file} is an empty bundle.`,
    );
  }
  if (context.output.json) return context.output.document(report);
  printExport(context.output, report);
}

function printExport(output: Output, report: ExportReport): void {
  for (const entry of report.entries) output.result(`  ${entry}`);
  for (const { file, reason } of report.skipped) output.result(`  left out ${file}: ${reason}`);
  const entries = `${report.entries.length} ${report.entries.length === 1 ? 'entry' : 'entries'}`;
  const blobs = `${report.blob_count} media ${report.blob_count === 1 ? 'blob' : 'blobs'} (${formatBytes(report.blob_bytes)})`;
  output.result(`Wrote ${entries} and ${blobs} to ${report.file}: ${formatBytes(report.archive_bytes)}.`);
  if (report.skipped.length > 0) {
    const count = report.skipped.length;
    output.result(
      `Left out ${count} matching ${count === 1 ? 'entry' : 'entries'} (the reasons are above); ` +
        "'streamgank cache verify --fix' redacts secrets and sets damaged entries aside.",
    );
  }
}
