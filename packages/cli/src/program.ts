import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Command } from 'commander';
import { registerCacheCommands } from './commands/cache/register.js';
import { registerDashboardCommand } from './commands/dashboard-register.js';
import { registerRunCommand } from './commands/run-register.js';
import { withExamples } from './help.js';
import { CommandLineError } from './report-error.js';

/** The top-level commands, in the order `--help` lists them. */
const COMMANDS: readonly ((program: Command) => void)[] = [
  registerRunCommand,
  registerCacheCommands,
  registerDashboardCommand,
];

function cliVersion(): string {
  // By the package's own name: this module may run from dist/ or from the CLI's bundle.
  const path = createRequire(import.meta.url).resolve('@streamgank/cli/package.json');
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as { version: string };
  return manifest.version;
}

/** The whole `streamgank` command tree. Nothing heavy is loaded until a command runs. */
export function createProgram(): Command {
  const program = new Command('streamgank')
    .description('Make short vertical movie-recommendation videos, with every expensive step cached in test_output/.')
    .version(cliVersion(), '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help for a command, with examples')
    .option('--cache-dir <dir>', 'the cache directory (default: STREAMGANK_CACHE_DIR, else ./test_output)')
    .option(
      '--redis-url <url>',
      "the team's Redis, shared by every cache that names it (default: STREAMGANK_REDIS_URL; '' for none)",
    )
    .option('--no-redis', 'use no shared tier, even when STREAMGANK_REDIS_URL is set')
    .option(
      '--shared-mode <mode>',
      'readwrite, or readonly to read the shared tier without ever writing to it, e.g. in pull requests (default: STREAMGANK_SHARED_MODE, else readwrite)',
    )
    .option('-q, --quiet', 'print only results and errors')
    .option('-v, --verbose', 'print details, and the stack trace of an error')
    .configureHelp({ showGlobalOptions: true });
  withExamples(program, [
    'streamgank run --country US --genre Horror --platform Netflix',
    'streamgank cache stats',
    'streamgank --cache-dir /tmp/sg-cache cache list --json',
    'streamgank --redis-url redis://127.0.0.1:6379 cache stats',
    'streamgank --shared-mode readonly run --country US --genre Horror --platform Netflix',
  ]);
  for (const register of COMMANDS) register(program);
  routeParseErrors(program);
  return program;
}

/**
 * Commander prints its own errors and exits; instead every command here throws, so that `main`
 * prints one line and picks the exit status (2 for bad usage).
 */
function routeParseErrors(command: Command): void {
  command.configureOutput({ outputError: () => {} });
  command.exitOverride((error) => {
    throw new CommandLineError(error, command);
  });
  for (const sub of command.commands) routeParseErrors(sub);
}
