import type { Command } from 'commander';
import { commandContext, withCache } from '../../../command-context.js';
import { entryFileArgument } from '../entry-argument.js';

/** `cache pin <entry-file>`: a golden fixture that no run, refresh, clear or prune replaces or removes. */
export async function pinEntry(file: string, _flags: unknown, command: Command): Promise<void> {
  await setPin(file, true, command);
}

/** `cache unpin <entry-file>`: runs, refreshes, clear and prune may replace or remove it again. */
export async function unpinEntry(file: string, _flags: unknown, command: Command): Promise<void> {
  await setPin(file, false, command);
}

async function setPin(file: string, pinned: boolean, command: Command): Promise<void> {
  const context = commandContext(command);
  const { name, changed } = await withCache(context, (cache) => {
    const entry = entryFileArgument(cache, file);
    return { name: entry, changed: pinned ? cache.pin(entry) : cache.unpin(entry) };
  });
  if (context.output.json) return context.output.document({ file: name, pinned, changed });
  if (!changed) {
    context.output.result(`${name} was ${pinned ? 'already' : 'not'} pinned; nothing changed.`);
  } else if (pinned) {
    context.output.result(
      `Pinned ${name}: no run, refresh, clear or prune will replace or remove it; a refresh keeps its result as a candidate ('streamgank cache review' offers it). Undo with 'streamgank cache unpin ${name}'.`,
    );
  } else {
    context.output.result(`Unpinned ${name}: runs, refreshes, clear and prune may replace or remove it again.`);
  }
}
