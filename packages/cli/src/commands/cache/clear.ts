import type { Cache } from '@streamgank/cache';
import type { Command } from 'commander';
import { commandContext, withCache, type CommandContext } from '../../command-context.js';
import { confirm } from '../../prompts/confirm.js';
import { FailureError, UsageError } from '../../errors.js';
import { formatBytes } from '../../format.js';
import { entryFilterFrom, type FilterFlags } from './entry-filter.js';
import { printRemoval } from './removal-report.js';

interface ClearFlags extends FilterFlags {
  readonly dryRun?: boolean;
  readonly yes?: boolean;
  readonly includePinned?: boolean;
}

export default async function clearEntries(flags: ClearFlags, command: Command): Promise<void> {
  const context = commandContext(command);
  await withCache(context, (cache) => clear(context, cache, flags));
}

async function clear(context: CommandContext, cache: Cache, flags: ClearFlags): Promise<void> {
  const filter = entryFilterFrom(cache, flags);
  const everything = Object.keys(filter).length === 0;
  const dryRun = flags.dryRun ?? false;
  const includePinned = flags.includePinned ?? false;
  if (everything && !dryRun && !flags.yes) {
    if (!process.stdin.isTTY) {
      throw new UsageError(
        'cache clear without a filter removes every entry: pass --yes to confirm, or narrow it with --type, --country, --genre, --platform, --status or --older-than (--dry-run shows what would go).',
      );
    }
    const preview = cache.clear(filter, { dryRun: true, includePinned });
    if (preview.removed.length > 0) {
      const question = `Remove all ${preview.removed.length} entries (${formatBytes(preview.freed_bytes)}) from ${cache.directory}?`;
      if (!(await confirm(question))) throw new FailureError('Nothing was removed.');
    }
  }
  printRemoval(context.output, cache.clear(filter, { dryRun, includePinned }), cache.directory);
}
