import { redactRedisUrl, type Cache } from '@streamgank/cache';
import { startDashboard } from '@streamgank/dashboard';
import type { Command } from 'commander';
import { commandContext, withCache, type CommandContext } from '../command-context.js';
import { isBlank } from '../config.js';
import { mediaDescriber } from '../media-facts.js';
import { untilSignal } from '../signals.js';

interface DashboardFlags {
  readonly host: string;
  readonly port: number;
  readonly token?: string;
}

export default async function serveDashboard(flags: DashboardFlags, command: Command): Promise<void> {
  const context = commandContext(command);
  // The page shows this cache, so its shared tier card is the one --redis-url configured.
  await withCache(context, (cache) => serve(context, cache, flags));
}

async function serve(context: CommandContext, cache: Cache, flags: DashboardFlags): Promise<void> {
  const fromEnv = context.config.env['STREAMGANK_DASHBOARD_TOKEN'];
  const token = flags.token ?? (isBlank(fromEnv) ? undefined : fromEnv?.trim());
  // Listen before printing the URL: whoever reads it may stop us at once.
  const stopped = untilSignal(['SIGINT', 'SIGTERM']);
  const dashboard = await startDashboard({
    cache,
    host: flags.host,
    port: flags.port,
    ...(token !== undefined && { token }),
    describeBlob: mediaDescriber(context.config.env),
  });
  context.output.result(`Dashboard: ${dashboard.url}`);
  context.output.result(`Token:     ${dashboard.token}`);
  const { redisUrl } = context.config;
  const shared = redisUrl === undefined ? '' : ` and the shared tier at ${redactRedisUrl(redisUrl)}`;
  context.output.info(`Showing the cache in ${cache.directory}${shared}. Press Ctrl-C to stop.`);
  const signal = await stopped;
  context.output.info(`Stopping the dashboard (${signal}).`);
  await dashboard.close();
}
