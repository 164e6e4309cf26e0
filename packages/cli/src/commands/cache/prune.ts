import type { Command } from 'commander';
import { commandContext, withCache } from '../../command-context.js';
import { UsageError } from '../../errors.js';
import { durationOption, sizeOption } from '../../quantities.js';
import { printRemoval } from './removal-report.js';

interface PruneFlags {
  readonly maxSize?: string;
  readonly maxAge?: string;
  readonly dryRun?: boolean;
  readonly includePinned?: boolean;
}

export default async function pruneEntries(flags: PruneFlags, command: Command): Promise<void> {
  if (flags.maxSize === undefined && flags.maxAge === undefined) {
    throw new UsageError('cache prune needs a limit: pass --max-size (e.g. 500MB), --max-age (e.g. 30d) or both.');
  }
  const maxSize = flags.maxSize === undefined ? undefined : sizeOption('--max-size', flags.maxSize);
  const maxAge = flags.maxAge === undefined ? undefined : durationOption('--max-age', flags.maxAge);
  const context = commandContext(command);
  await withCache(context, (cache) => {
    const result = cache.prune({
      ...(maxSize !== undefined && { maxSize }),
      ...(maxAge !== undefined && { maxAge }),
      dryRun: flags.dryRun ?? false,
      includePinned: flags.includePinned ?? false,
    });
    printRemoval(context.output, result, cache.directory);
  });
}
