import type { Cache, InspectedEntry } from '@streamgank/cache';
import type { Command } from 'commander';
import { commandContext, withCache } from '../../command-context.js';
import { FailureError, UsageError } from '../../errors.js';
import { formatBytes, formatDuration, formatUsd } from '../../format.js';
import { entryFileArgument } from './entry-argument.js';
import { dataTypeFlag, type FilterFlags } from './entry-filter.js';

export default async function showEntry(file: string | undefined, flags: FilterFlags, command: Command): Promise<void> {
  const context = commandContext(command);
  const entry = await withCache(context, (cache) => {
    const name = file === undefined ? fileNameFromFlags(cache, flags) : fileNameFromArgument(cache, file, flags);
    const found = cache.inspect(name);
    if (!found)
      throw new FailureError(
        `There is no entry ${name} in ${cache.directory}: 'streamgank cache list' shows what is cached.`,
      );
    return found;
  });
  if (context.output.json) return context.output.document(entry);
  context.output.result(describeEntry(entry));
}

function fileNameFromFlags(cache: Cache, flags: FilterFlags): string {
  const missing = (['type', 'country', 'genre', 'platform'] as const)
    .filter((name) => flags[name] === undefined)
    .map((name) => `--${name}`);
  if (missing.length > 0) {
    throw new UsageError(
      `cache show needs an entry file name (e.g. script_result_us_horror_netflix.json) or all of --type, --country, --genre and --platform (missing ${missing.join(', ')}).`,
    );
  }
  const { country, genre, platform } = flags as Required<FilterFlags>;
  return cache.fileName(dataTypeFlag(cache, flags.type as string), { country, genre, platform });
}

function fileNameFromArgument(cache: Cache, argument: string, flags: FilterFlags): string {
  if (flags.type ?? flags.country ?? flags.genre ?? flags.platform) {
    throw new UsageError('cache show takes an entry file name or --type/--country/--genre/--platform, not both.');
  }
  return entryFileArgument(cache, argument);
}

function describeEntry(entry: InspectedEntry): string {
  const metadata = entry.metadata;
  const lines = [
    `Entry:      ${entry.path} (${formatBytes(entry.size_bytes)})`,
    `Status:     ${entry.status}${entry.problem ? ` (${entry.problem})` : ''}`,
  ];
  if (metadata) {
    const { country, genre, platform } = metadata.parameters;
    lines.push(
      `Data type:  ${metadata.data_type}`,
      `Parameters: ${country} / ${genre} / ${platform}`,
      `Saved:      ${metadata.saved_datetime}`,
    );
    if (metadata.producer !== undefined) {
      lines.push(
        `Produced:   by ${metadata.producer}${metadata.produce_ms !== undefined ? ` in ${formatDuration(metadata.produce_ms)}` : ''}`,
      );
    }
    if (metadata.cost_usd !== undefined) lines.push(`Cost:       ${formatUsd(metadata.cost_usd)}`);
    if (metadata.inputs_fingerprint !== undefined) lines.push(`Inputs:     ${metadata.inputs_fingerprint}`);
    for (const blob of metadata.blobs ?? [])
      lines.push(`Blob:       sha256:${blob.sha256} ${blob.media_type} ${formatBytes(blob.bytes)}`);
  }
  if (entry.data !== undefined) lines.push('', JSON.stringify(entry.data, null, 2));
  return lines.join('\n');
}
