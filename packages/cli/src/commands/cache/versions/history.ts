import type { EntryHistory, HistoryVersion } from '@streamgank/cache';
import type { Command } from 'commander';
import { commandContext, withCache } from '../../../command-context.js';
import { formatBytes, formatDuration, formatUsd, renderTable, type Column } from '../../../format.js';
import { entryFileArgument } from '../entry-argument.js';

const COLUMNS: readonly Column<HistoryVersion>[] = [
  { header: 'VERSION', value: (version) => String(version.version), align: 'right' },
  { header: 'SAVED', value: (version) => version.saved_datetime || '-' },
  { header: 'PRODUCER', value: (version) => version.producer ?? '-' },
  {
    header: 'TOOK',
    value: (version) => (version.produce_ms === null ? '-' : formatDuration(version.produce_ms)),
    align: 'right',
  },
  {
    header: 'COST',
    value: (version) => (version.cost_usd === null ? '-' : formatUsd(version.cost_usd)),
    align: 'right',
  },
  { header: 'SIZE', value: (version) => formatBytes(version.bytes), align: 'right' },
  { header: 'MARK', value: (version) => (version.current ? 'current' : version.candidate ? 'candidate' : '-') },
  {
    header: 'INPUTS CHANGED',
    value: (version) => (version.input_changes.length > 0 ? version.input_changes.join('; ') : '-'),
  },
];

/** `cache history <entry-file>`: the versions of an entry, newest first. */
export default async function showHistory(file: string, _flags: unknown, command: Command): Promise<void> {
  const context = commandContext(command);
  const history = await withCache(context, (cache) => cache.history(entryFileArgument(cache, file)));
  if (context.output.json) return context.output.document(history);
  context.output.result(describeHistory(history));
}

function describeHistory(history: EntryHistory): string {
  const kept = history.versions.filter((version) => !version.current).length;
  const lines = [
    `${history.file}${history.pinned ? ' (pinned)' : ''}: ${history.versions.length} ${history.versions.length === 1 ? 'version' : 'versions'}, newest first`,
    '',
    renderTable(history.versions, COLUMNS),
  ];
  if (kept > 0) {
    const older = history.versions.find((version) => !version.current)?.version ?? 1;
    lines.push(
      '',
      `Compare with 'streamgank cache diff ${history.file} --from ${older}', bring one back with 'streamgank cache restore ${history.file} --version ${older}'.`,
    );
  }
  return lines.join('\n');
}
