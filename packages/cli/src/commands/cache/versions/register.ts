import { InvalidArgumentError, type Command } from 'commander';
import { lazyAction, withExamples } from '../../../help.js';
import { jsonOption } from '../json-option.js';

const ENTRY = 'an entry file name, e.g. script_result_us_horror_netflix.json';
const EXAMPLE = 'script_result_us_horror_netflix.json';

/** `--version 2`, `--from 1`: a version number as `cache history` shows them (0 is the current one). */
function versionNumber(value: string): number {
  const number = /^\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(number)) {
    throw new InvalidArgumentError("Use a version number as 'streamgank cache history' shows them: 0, 1, 2…");
  }
  return number;
}

/**
 * A command on one entry file: `<entry-file>`, the options `options` adds, `--json`, an action
 * loaded when it runs, and examples. `why`, `history`, `diff`, `restore`, `pin` and `unpin` are all
 * this shape.
 */
function registerEntryCommand<Args extends unknown[]>(
  cache: Command,
  spec: {
    readonly name: string;
    readonly description: string;
    readonly options?: (command: Command) => Command;
    readonly load: () => Promise<{ default: (...args: Args) => Promise<void> | void }>;
    readonly examples: string[];
  },
): void {
  const command = cache.command(spec.name).argument('<entry-file>', ENTRY).description(spec.description);
  (spec.options?.(command) ?? command).addOption(jsonOption()).action(lazyAction(spec.load));
  withExamples(command, spec.examples);
}

function registerWhy(cache: Command): void {
  registerEntryCommand(cache, {
    name: 'why',
    description:
      'what an entry was made from (parameters, inputs, upstream entries), by whom, when, at what cost, and what uses it',
    load: () => import('./why.js'),
    examples: [`streamgank cache why ${EXAMPLE}`, `streamgank cache why assets_us_horror_netflix.json --json`],
  });
}

function registerHistory(cache: Command): void {
  registerEntryCommand(cache, {
    name: 'history',
    description: "an entry's versions, newest first: when, by whom, at what cost, what changed in the inputs",
    load: () => import('./history.js'),
    examples: [`streamgank cache history ${EXAMPLE}`, `streamgank cache history ${EXAMPLE} --json`],
  });
}

function registerDiff(cache: Command): void {
  registerEntryCommand(cache, {
    name: 'diff',
    description:
      'compare two versions of an entry: inputs, data path by path, long text word by word, media side by side',
    options: (command) =>
      command
        .option('--from <n>', 'the older version (default 1: the one the current replaced)', versionNumber)
        .option('--to <n>', 'the newer version (default 0: the current one)', versionNumber),
    load: () => import('./diff.js'),
    examples: [
      `streamgank cache diff ${EXAMPLE}`,
      `streamgank cache diff ${EXAMPLE} --from 2 --to 1`,
      'streamgank cache diff assets_us_horror_netflix.json --json',
    ],
  });
}

function registerRestore(cache: Command): void {
  registerEntryCommand(cache, {
    name: 'restore',
    description: 'make an earlier version of an entry current again (the current one goes to its history)',
    options: (command) =>
      command.requiredOption(
        '--version <n>',
        "the version to bring back, as 'streamgank cache history' numbers them",
        versionNumber,
      ),
    load: () => import('./restore.js'),
    examples: [
      `streamgank cache restore ${EXAMPLE} --version 1`,
      `streamgank cache restore ${EXAMPLE} --version 2 --json`,
    ],
  });
}

function registerPin(cache: Command): void {
  registerEntryCommand(cache, {
    name: 'pin',
    description: 'pin an entry as a golden fixture: no run, refresh, clear or prune replaces or removes it',
    load: async () => ({ default: (await import('./pins.js')).pinEntry }),
    examples: [`streamgank cache pin ${EXAMPLE}`, `streamgank cache pin ${EXAMPLE} --json`],
  });
}

function registerUnpin(cache: Command): void {
  registerEntryCommand(cache, {
    name: 'unpin',
    description: 'unpin an entry: runs, refreshes, clear and prune may replace or remove it again',
    load: async () => ({ default: (await import('./pins.js')).unpinEntry }),
    examples: [`streamgank cache unpin ${EXAMPLE}`],
  });
}

function registerReview(cache: Command): void {
  const review = cache
    .command('review')
    .description(
      'walk the entries replaced lately, see each diff and keep or revert it (on a terminal; otherwise --json, --revert-all or --keep-all)',
    )
    .option('--since <time>', 'look at entries replaced since then: a duration (2h, 7d) or an ISO time (default 24h)')
    .option('--revert-all', 'bring back the previous version of every replaced entry (pinned entries are left alone)')
    .option('--keep-all', 'keep every new version (nothing changes; says what was replaced)')
    .addOption(jsonOption())
    .action(lazyAction(() => import('./review.js')));
  withExamples(review, [
    'streamgank cache review',
    'streamgank cache review --since 2h',
    'streamgank cache review --since 2025-01-31T09:00 --json',
    'streamgank cache review --revert-all',
  ]);
}

/** The commands that read and change an entry's versions and pins, in the order `--help` lists them. */
export const VERSION_SUBCOMMANDS: readonly ((cache: Command) => void)[] = [
  registerWhy,
  registerHistory,
  registerDiff,
  registerRestore,
  registerPin,
  registerUnpin,
  registerReview,
];
