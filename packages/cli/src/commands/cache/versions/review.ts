import type { ReplacedEntry } from '@streamgank/cache';
import type { Command } from 'commander';
import { colorsFor } from '../../../colors.js';
import { commandContext, withCache, type CommandContext } from '../../../command-context.js';
import { UsageError } from '../../../errors.js';
import { mediaDescriber } from '../../../media-facts.js';
import { decideAll, describeDecision, summarize, type ReviewDecision } from './review-decisions.js';
import { walkReplaced } from './review-walk.js';
import { DEFAULT_SINCE, sinceOption } from './since.js';

interface ReviewFlags {
  readonly since?: string;
  readonly revertAll?: boolean;
  readonly keepAll?: boolean;
}

/** `cache review`: the entries replaced since a moment, each kept or reverted. */
export default async function reviewEntries(flags: ReviewFlags, command: Command): Promise<void> {
  if (flags.revertAll && flags.keepAll)
    throw new UsageError('cache review takes --revert-all or --keep-all, not both.');
  const sinceMs = sinceOption(flags.since ?? DEFAULT_SINCE, Date.now());
  const context = commandContext(command);
  const bulk = flags.revertAll ? 'revert' : flags.keepAll ? 'keep' : undefined;
  if (!bulk && !context.output.json && !process.stdin.isTTY) {
    throw new UsageError(
      'cache review asks about each entry on a terminal; without one, pass --json to list the replaced entries, --revert-all to bring back every previous version, or --keep-all to keep the new ones.',
    );
  }
  await withCache(context, async (cache) => {
    const entries = cache.replacedSince(sinceMs);
    const since = { since_timestamp: sinceMs / 1000, since: new Date(sinceMs).toISOString() };
    if (!bulk && context.output.json) return context.output.document({ ...since, entries });
    if (entries.length === 0) {
      if (context.output.json) return context.output.document({ ...since, entries, decisions: [] });
      return context.output.result(`No entry in ${cache.directory} was replaced since ${since.since}.`);
    }
    const decisions = bulk
      ? decideAll(cache, entries, bulk)
      : await walkReplaced(
          {
            cache,
            output: context.output,
            colors: colorsFor(context.output.stdout, context.config.env),
            describeBlob: mediaDescriber(context.config.env),
          },
          entries,
        );
    if (context.output.json) return context.output.document({ ...since, entries, decisions });
    if (bulk) printDecisions(context, entries, decisions);
    context.output.result(
      `\nReviewed ${entries.length} ${entries.length === 1 ? 'entry' : 'entries'} replaced since ${since.since}: ${summarize(decisions)}.`,
    );
  });
}

function printDecisions(
  context: CommandContext,
  entries: readonly ReplacedEntry[],
  decisions: readonly ReviewDecision[],
): void {
  decisions.forEach((decision, index) => {
    const entry = entries[index];
    if (entry) context.output.result(describeDecision(decision, entry));
  });
}
