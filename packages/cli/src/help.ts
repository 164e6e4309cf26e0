import type { Command } from 'commander';

/** Every command's `--help` ends with examples a user can copy. */
export function withExamples<T extends Command>(command: T, examples: readonly string[]): T {
  command.addHelpText('after', `\nExamples:\n${examples.map((example) => `  $ ${example}`).join('\n')}\n`);
  return command;
}

/**
 * Load an action's module only when its command runs, so that `--help`, `--version` and the
 * other commands never pay for it (the pipeline and the dashboard are heavy).
 */
export function lazyAction<Args extends unknown[]>(
  load: () => Promise<{ default: (...args: Args) => Promise<void> | void }>,
): (...args: Args) => Promise<void> {
  return async (...args) => {
    const action = await load();
    await action.default(...args);
  };
}
