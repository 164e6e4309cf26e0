import { existsSync } from 'node:fs';
import type { CacheStats, SharedStatus } from '@streamgank/cache';
import type { Command } from 'commander';
import { commandContext, withCache } from '../../command-context.js';
import { formatBytes, formatDuration, formatUsd, renderTable } from '../../format.js';

export default async function showStats(_flags: unknown, command: Command): Promise<void> {
  const context = commandContext(command);
  // Local stats first: a slow Redis can only delay the shared tier's line, never change the rest.
  const { stats, shared } = await withCache(context, async (cache) => {
    const local = cache.stats();
    return { stats: local, shared: await cache.sharedStatus() };
  });
  if (context.output.json) return context.output.document({ ...stats, shared });
  context.output.result(`${describeStats(stats)}\n${describeShared(shared)}`);
}

/** "Shared tier: reachable at redis://…: 12 entries; 3 hits served from it." */
export function describeShared(shared: SharedStatus): string {
  const served = `${shared.hits_from_shared} ${shared.hits_from_shared === 1 ? 'hit' : 'hits'} served from it`;
  const rejected = shared.rejected_values > 0 ? `; ${shared.rejected_values} bad values refused` : '';
  if (!shared.configured) {
    const past = shared.hits_from_shared > 0 ? ` (${served} before)` : '';
    return `Shared tier: not configured${past}; pass --redis-url or set STREAMGANK_REDIS_URL to share this cache with a team's Redis`;
  }
  const where = `${shared.url ?? 'the shared store'}${shared.key_prefix ? ` (keys ${shared.key_prefix}*)` : ''}`;
  if (!shared.reachable)
    return `Shared tier: unreachable at ${where}: ${shared.error ?? 'no answer'}; ${served}${rejected}`;
  const entries = shared.entries ?? 0;
  return `Shared tier: reachable at ${where}: ${entries} ${entries === 1 ? 'entry' : 'entries'}; ${served}${rejected}`;
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
  // Files the total counts that are not entries of their own, said so that the total adds up.
  if (stats.shadowed_files > 0)
    lines.push(
      `Shadowed: ${stats.shadowed_files} older ${stats.shadowed_files === 1 ? 'file holds an entry' : 'files hold entries'} that a newer file also holds (the next save supersedes ${stats.shadowed_files === 1 ? 'it' : 'them'})`,
    );
  if (stats.foreign_files > 0)
    lines.push(
      `Not entries: ${stats.foreign_files} ${stats.foreign_files === 1 ? 'file' : 'files'} of ${formatBytes(stats.foreign_size_bytes)} in the directory; \`streamgank cache verify\` names ${stats.foreign_files === 1 ? 'it' : 'them'} and says why`,
    );
  const types = Object.entries(stats.data_types).sort(([a], [b]) => a.localeCompare(b));
  if (types.length > 0) {
    const table = renderTable(types, [
      { header: 'DATA TYPE', value: ([type]) => type },
      { header: 'ENTRIES', value: ([, type]) => String(type.count), align: 'right' },
      { header: 'SIZE', value: ([, type]) => formatBytes(type.size_bytes), align: 'right' },
    ]);
    lines.push('', ...table.split('\n').map((line) => `  ${line}`), '');
  }
  const { ok, legacy, stale, edited, corrupt } = stats.statuses;
  lines.push(
    `Status: ${ok} ok, ${legacy} legacy, ${stale} stale, ${edited} edited, ${corrupt} corrupt; ${stats.quarantined_files} quarantined`,
    `Pinned: ${stats.pinned_entries} ${stats.pinned_entries === 1 ? 'entry' : 'entries'} (golden fixtures: no run, refresh, clear or prune replaces them)`,
    `History: ${stats.history_versions} kept ${stats.history_versions === 1 ? 'version' : 'versions'} of replaced entries, ${formatBytes(stats.history_size_bytes)} (prune removes old versions first)`,
  );
  const hitRate = stats.hit_rate === null ? 'no lookups yet' : `hit rate ${(stats.hit_rate * 100).toFixed(1)}%`;
  lines.push(
    `Lookups: ${stats.hits} hits, ${stats.misses} misses, ${stats.stale_reads} stale, ${stats.corrupt_reads} corrupt (${hitRate}); ` +
      `${stats.writes} writes${stats.failed_writes > 0 ? `, ${stats.failed_writes} failed` : ''}`,
  );
  lines.push(
    `Time saved: ${formatDuration(stats.time_saved_ms)}` +
      (stats.cost_saved_usd > 0 ? `; cost saved: ${formatUsd(stats.cost_saved_usd)}` : ''),
  );
  return lines.join('\n');
}
