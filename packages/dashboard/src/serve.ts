import { DashboardError } from './errors.js';
import { parseServeArguments, SERVE_USAGE } from './serve-options.js';
import { startDashboard } from './server.js';

/** `nx run dashboard:serve`: start the dashboard and keep it running until Ctrl-C. */
async function main(): Promise<void> {
  const command = parseServeArguments(process.argv.slice(2));
  if (command.help) {
    process.stdout.write(`${SERVE_USAGE}\n`);
    return;
  }
  const dashboard = await startDashboard(command.options);
  process.stdout.write(
    `StreamGank dashboard: ${dashboard.url}\nToken (needed to clear entries): ${dashboard.token}\nPress Ctrl-C to stop.\n`,
  );
  const stop = () => {
    void dashboard.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  const message =
    error instanceof DashboardError ? error.message : `dashboard failed: ${(error as Error).message ?? String(error)}`;
  process.stderr.write(`${message}\n`);
  process.exit(1);
});
