import { InvalidArgumentError, type Command } from 'commander';
import { lazyAction, withExamples } from '../help.js';

function portNumber(value: string): number {
  const port = /^\d{1,5}$/.test(value) ? Number(value) : Number.NaN;
  if (!(port >= 0 && port <= 65_535))
    throw new InvalidArgumentError('Use a whole number from 0 to 65535 (0 picks a free port).');
  return port;
}

export function registerDashboardCommand(program: Command): void {
  const dashboard = program
    .command('dashboard')
    .description('serve the cache dashboard (stats, entries, previews) on this machine until Ctrl-C')
    .option('--host <host>', 'the address to listen on', '127.0.0.1')
    .option('--port <port>', 'the port to listen on; 0 picks a free one', portNumber, 4300)
    .option(
      '--token <token>',
      'the token the page asks for before deleting anything (default: STREAMGANK_DASHBOARD_TOKEN, else a random one)',
    )
    .action(lazyAction(() => import('./dashboard.js')));
  withExamples(dashboard, [
    'streamgank dashboard',
    'streamgank dashboard --port 4301',
    'streamgank --cache-dir /tmp/sg-cache dashboard --port 0',
  ]);
}
