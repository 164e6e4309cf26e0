import type { Command } from 'commander';
import { commandContext, withCache } from '../../../command-context.js';
import { entryFileArgument } from '../entry-argument.js';

interface RestoreFlags {
  readonly version: number;
}

/** `cache restore <entry-file> --version N`: version N becomes current again; the current one goes to the history. */
export default async function restoreVersion(file: string, flags: RestoreFlags, command: Command): Promise<void> {
  const context = commandContext(command);
  const { result, restored } = await withCache(context, (cache) => {
    const name = entryFileArgument(cache, file);
    const chosen = cache.history(name).versions.find((version) => version.version === flags.version);
    return { result: cache.restore(name, flags.version), restored: chosen };
  });
  if (context.output.json) return context.output.document(result);
  const made = restored
    ? ` (saved ${restored.saved_datetime}${restored.producer ? ` by ${restored.producer}` : ''})`
    : '';
  const kept = result.replaced_version_id
    ? `; the version it replaced is kept in its history as ${result.replaced_version_id}`
    : '';
  context.output.result(`Restored version ${result.restored_version} of ${result.file}${made}${kept}.`);
  context.output.result(
    `A run with the inputs it was made from now uses it: see 'streamgank cache why ${result.file}'.`,
  );
}
