import type { Command } from 'commander';
import { colorsFor } from '../../../colors.js';
import { commandContext, withCache } from '../../../command-context.js';
import { mediaDescriber } from '../../../media-facts.js';
import { entryFileArgument } from '../entry-argument.js';
import { describeDiff } from './diff-report.js';

interface DiffFlags {
  readonly from?: number;
  readonly to?: number;
}

/** `cache diff <entry-file> [--from N] [--to M]`: two versions of an entry compared. */
export default async function diffVersions(file: string, flags: DiffFlags, command: Command): Promise<void> {
  const context = commandContext(command);
  const diff = await withCache(context, (cache) =>
    cache.diff(entryFileArgument(cache, file), {
      ...(flags.from !== undefined && { from: flags.from }),
      ...(flags.to !== undefined && { to: flags.to }),
      describeBlob: mediaDescriber(context.config.env),
    }),
  );
  if (context.output.json) return context.output.document(diff);
  context.output.result(describeDiff(diff, colorsFor(context.output.stdout, context.config.env)));
}
