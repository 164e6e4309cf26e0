import { existsSync } from 'node:fs';
import type { CacheStats } from '@streamgank/cache';
import type { Command } from 'commander';
import { commandContext, openCache } from '../../command-context.js';
import { formatBytes, formatDuration, renderTable } from '../../format.js';

export default function showStats(_flags: unknown, command: Command): void {
  const context = commandContext(command);
  const stats = openCache(context).stats();
  if (context.output.json) return context.output.document(stats);
  context.output.result(describeStats(stats));
}

function availability(stats: CacheStats): string {
  if (!existsSync(stats.cache_directory)) return ' (does not exist yet: the first run creates it)';
  return stats.cache_available ? '' : ' (not writable: runs will not be cached)';
}

function describeStats(stats: CacheStats): string {
  const lines = [
    `Cache directory: ${stats.cache_directory}${availability(stats)}`,
    `Entries: ${stats.total_files}, ${formatBytes(stats.total_size_bytes)} in all ` +
      `(${formatBytes(stats.entry_size_bytes)} of entry files, ${stats.blob_count} media blobs of ${formatBytes(stats.blob_size_bytes)})`,
  ];
  const types = Object.entries(stats.data_types).sort(([a], [b]) => a.localeCompare(b));
  if (types.length > 0) {
    const table = renderTable(types, [
      { header: 'DATA TYPE', value: ([type]) => type },
      { header: 'ENTRIES', value: ([, type]) => String(type.count), align: 'right' },
      { header: 'SIZE', value: ([, type]) => formatBytes(type.size_bytes), align: 'right' },
    ]);
    lines.push('', ...table.split('\n').map((line) => `  ${line}`), '');
  }
  const { ok, legacy, stale, corrupt } = stats.statuses;
  lines.push(`Status: ${ok} ok, ${legacy} legacy, ${stale} stale, ${corrupt} corrupt; ${stats.quarantined_files} quarantined`);
  const hitRate = stats.hit_rate === null ? 'no lookups yet' : `hit rate ${(stats.hit_rate * 100).toFixed(1)}%`;
  lines.push(
    `Lookups: ${stats.hits} hits, ${stats.misses} misses, ${stats.stale_reads} stale, ${stats.corrupt_reads} corrupt (${hitRate}); ` +
      `${stats.writes} writes${stats.failed_writes > 0 ? `, ${stats.failed_writes} failed` : ''}`,
  );
  lines.push(
    `Time saved: ${formatDuration(stats.time_saved_ms)}` + (stats.cost_saved_usd > 0 ? `; cost saved: $${stats.cost_saved_usd.toFixed(4)}` : ''),
  );
  return lines.join('\n');
}
