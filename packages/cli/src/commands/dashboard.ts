import { InvalidDashboardOptionError, startDashboard } from '@streamgank/dashboard';
import type { Command } from 'commander';
import { commandContext, openCache } from '../command-context.js';
import { isBlank } from '../config.js';
import { UsageError } from '../errors.js';
import { untilSignal } from '../signals.js';

interface DashboardFlags {
  readonly host: string;
  readonly port: number;
  readonly token?: string;
}

export default async function serveDashboard(flags: DashboardFlags, command: Command): Promise<void> {
  const context = commandContext(command);
  const fromEnv = context.config.env['STREAMGANK_DASHBOARD_TOKEN'];
  const token = flags.token ?? (isBlank(fromEnv) ? undefined : fromEnv?.trim());
  const cache = openCache(context);
  // Listen before printing the URL: whoever reads it may stop us at once.
  const stopped = untilSignal(['SIGINT', 'SIGTERM']);
  const dashboard = await startDashboard({ cache, host: flags.host, port: flags.port, ...(token !== undefined && { token }) }).catch((error: unknown) => {
    throw error instanceof InvalidDashboardOptionError ? new UsageError(error.message, { cause: error }) : error;
  });
  context.output.result(`Dashboard: ${dashboard.url}`);
  context.output.result(`Token:     ${dashboard.token}`);
  context.output.info(`Showing the cache in ${cache.directory}. Press Ctrl-C to stop.`);
  const signal = await stopped;
  context.output.info(`Stopping the dashboard (${signal}).`);
  await dashboard.close();
  await cache.close();
}
