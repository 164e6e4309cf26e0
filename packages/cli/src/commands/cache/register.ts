import { Option, type Command } from 'commander';
import { lazyAction, withExamples } from '../../help.js';
import { jsonOption } from './json-option.js';
import { VERSION_SUBCOMMANDS } from './versions/register.js';

const STATUSES = ['ok', 'legacy', 'stale', 'edited', 'corrupt'];

/** `--type/--country/--genre/--platform`: which entries, matched on their metadata. */
function addEntryFilters(command: Command, verb: string): Command {
  return command
    .option('--type <data_type>', `${verb} only this data type (script_result, assets…; "scripts" works too)`)
    .option('--country <country>', `${verb} only this country, e.g. US`)
    .option('--genre <genre>', `${verb} only this genre, e.g. Horror`)
    .option('--platform <platform>', `${verb} only this platform, e.g. Netflix`);
}

function registerList(cache: Command): void {
  const list = addEntryFilters(
    cache.command('list').description("list cached entries (the seed's listTestData)"),
    'list',
  )
    .addOption(new Option('--status <status>', 'list only entries with this status').choices(STATUSES))
    .addOption(jsonOption())
    .action(lazyAction(() => import('./list.js')));
  withExamples(list, [
    'streamgank cache list',
    'streamgank cache list --type scripts --country US --json',
    'streamgank cache list --status stale',
  ]);
}

function registerStats(cache: Command): void {
  const stats = cache
    .command('stats')
    .description(
      "counts and sizes by data type, hit rate and time saved (the seed's getCacheStats), and the shared tier",
    )
    .addOption(jsonOption())
    .action(lazyAction(() => import('./stats.js')));
  withExamples(stats, [
    'streamgank cache stats',
    'streamgank cache stats --json',
    'streamgank --redis-url redis://127.0.0.1:6379 cache stats',
  ]);
}

function registerClear(cache: Command): void {
  const clear = addEntryFilters(
    cache.command('clear').description('remove cached entries (all of them only with --yes or a confirmation)'),
    'clear',
  )
    .addOption(new Option('--status <status>', 'clear only entries with this status').choices(STATUSES))
    .option('--older-than <duration>', 'clear only entries saved longer ago than this, e.g. 7d, 12h')
    .option('--dry-run', 'show what would be removed, remove nothing')
    .option('-y, --yes', 'do not ask before clearing everything')
    .option('--include-pinned', 'remove pinned entries too (they are skipped otherwise)')
    .addOption(jsonOption())
    .action(lazyAction(() => import('./clear.js')));
  withExamples(clear, [
    'streamgank cache clear --type script_result --country US --genre Horror',
    'streamgank cache clear --older-than 7d --dry-run',
    'streamgank cache clear --yes',
    'streamgank cache clear --type scripts --include-pinned',
  ]);
}

function registerPrune(cache: Command): void {
  const prune = cache
    .command('prune')
    .description('remove entries unused for too long, then the least recently used until the cache fits')
    .option('--max-size <size>', 'keep the cache (entries and blobs) under this size, e.g. 500MB, 2GB')
    .option('--max-age <duration>', 'remove entries not used for longer than this, e.g. 30d')
    .option('--dry-run', 'show what would be removed, remove nothing')
    .option('--include-pinned', 'remove pinned entries too (they are skipped otherwise)')
    .addOption(jsonOption())
    .action(lazyAction(() => import('./prune.js')));
  withExamples(prune, [
    'streamgank cache prune --max-size 500MB',
    'streamgank cache prune --max-age 30d --dry-run',
    'streamgank cache prune --max-size 200MB --include-pinned',
  ]);
}

function registerVerify(cache: Command): void {
  const verify = cache
    .command('verify')
    .description('check every entry and blob: checksums, missing and orphan blobs, abandoned temp files')
    .option('--fix', 'move bad entries and blobs to .quarantine/, remove orphans and dead temp files')
    .addOption(jsonOption())
    .action(lazyAction(() => import('./verify.js')));
  withExamples(verify, ['streamgank cache verify', 'streamgank cache verify --fix --json']);
}

function registerShow(cache: Command): void {
  const show = addEntryFilters(
    cache
      .command('show')
      .argument('[file]', 'an entry file name, e.g. script_result_us_horror_netflix.json')
      .description("one entry's metadata and data, by file name or by --type/--country/--genre/--platform"),
    "the entry's",
  )
    .addOption(jsonOption())
    .action(lazyAction(() => import('./show.js')));
  withExamples(show, [
    'streamgank cache show script_result_us_horror_netflix.json',
    'streamgank cache show --type script_result --country US --genre Horror --platform Netflix --json',
  ]);
}

function registerExport(cache: Command): void {
  const exportCommand = addEntryFilters(
    cache
      .command('export')
      .argument('<file.tar.gz>', 'the bundle to write (replaced if it exists)')
      .description('write entries and the media they refer to into a .tar.gz bundle, for another machine or CI'),
    'export',
  )
    .addOption(new Option('--status <status>', 'export only entries with this status').choices(STATUSES))
    .option('--older-than <duration>', 'export only entries saved longer ago than this, e.g. 7d')
    .addOption(jsonOption())
    .action(lazyAction(() => import('./export.js')));
  withExamples(exportCommand, [
    'streamgank cache export us-horror.tar.gz --country US --genre Horror',
    'streamgank cache export fixtures.tar.gz --type scripts --json',
    'streamgank --cache-dir /tmp/sg-cache cache export everything.tar.gz',
  ]);
}

function registerImport(cache: Command): void {
  const importCommand = cache
    .command('import')
    .argument('<file.tar.gz>', "a bundle made by 'streamgank cache export'")
    .description("add a bundle's entries and media, checking every digest; exit 1 if anything was refused or damaged")
    .addOption(jsonOption())
    .action(lazyAction(() => import('./import.js')));
  withExamples(importCommand, [
    'streamgank cache import us-horror.tar.gz',
    'streamgank --cache-dir ci-cache cache import fixtures.tar.gz --json',
  ]);
}

/** The `cache` subcommands, in the order `--help` lists them. */
const CACHE_SUBCOMMANDS: readonly ((cache: Command) => void)[] = [
  registerList,
  registerStats,
  registerClear,
  registerPrune,
  registerVerify,
  registerShow,
  ...VERSION_SUBCOMMANDS,
  registerExport,
  registerImport,
];

export function registerCacheCommands(program: Command): void {
  const cache = program
    .command('cache')
    .description(
      'look after the test data cache: list, stats, clear, prune, verify, show, why, history, diff, restore, pin, review, export, import',
    );
  withExamples(cache, [
    'streamgank cache stats',
    'streamgank cache list --json',
    'streamgank --cache-dir /tmp/cache cache verify',
  ]);
  for (const register of CACHE_SUBCOMMANDS) register(cache);
}
