import { parseArgs } from 'node:util';
import { InvalidDashboardOptionError } from './errors.js';
import { DEFAULT_HOST, DEFAULT_PORT, type DashboardOptions } from './server.js';

export const SERVE_USAGE = `Usage: serve [--port ${DEFAULT_PORT}] [--host ${DEFAULT_HOST}] [--cache-dir test_output] [--redis-url redis://host:6379] [--token <token>]

Serves the StreamGank cache dashboard. The token printed on start is needed to clear entries from the page.
--redis-url (default STREAMGANK_REDIS_URL) shows the team's shared tier: reachable or not, entries, hits served from it.`;

export type ServeCommand = { readonly help: true } | { readonly help: false; readonly options: DashboardOptions };

/** `--port/--host/--cache-dir/--redis-url/--token` as `nx run dashboard:serve` passes them; unknown flags are an error. */
export function parseServeArguments(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): ServeCommand {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'cache-dir': { type: 'string' },
        'redis-url': { type: 'string' },
        token: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new InvalidDashboardOptionError(
      'arguments',
      argv.join(' '),
      `${(error as Error).message.replace(/\.$/, '')}; see --help`,
    );
  }
  if (values.help) return { help: true };
  const cacheDir = values['cache-dir'] ?? env['STREAMGANK_CACHE_DIR'];
  // The cache reads an empty URL as "no shared tier", so `--redis-url ''` overrides STREAMGANK_REDIS_URL.
  const redisUrl = values['redis-url'] ?? env['STREAMGANK_REDIS_URL'];
  return {
    help: false,
    options: {
      port: values.port === undefined ? DEFAULT_PORT : parsePort(values.port),
      host: values.host ?? DEFAULT_HOST,
      ...(cacheDir !== undefined && cacheDir.trim() !== '' && { cacheDir }),
      ...(redisUrl !== undefined && { redisUrl }),
      ...(values.token !== undefined && { token: values.token }),
    },
  };
}

function parsePort(text: string): number {
  const port = /^\d{1,5}$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isInteger(port) || port > 65_535)
    throw new InvalidDashboardOptionError('port', text, 'a whole number from 0 to 65535');
  return port;
}
