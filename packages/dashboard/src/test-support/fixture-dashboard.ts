import { afterEach } from 'vitest';
import { startDashboard, type DashboardOptions, type RunningDashboard } from '../index.js';
import { buildFixtureCache, type FixtureCache } from './fixture-cache.js';
import { tempDir } from '@streamgank/testing';

const running: RunningDashboard[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((dashboard) => dashboard.close()));
});

/**
 * Start a dashboard (closed after the test), on a free port unless told otherwise, with an empty
 * environment so that a STREAMGANK_REDIS_URL or STREAMGANK_CACHE_DIR of the machine running the tests never leaks in.
 */
export async function startForTest(options: DashboardOptions): Promise<RunningDashboard> {
  const dashboard = await startDashboard({ port: 0, env: {}, ...options });
  running.push(dashboard);
  return dashboard;
}

export const TEST_TOKEN = 'test-token-0123456789abcdef';

/** A dashboard on a fresh fixture cache, with a known token. */
export async function fixtureDashboard(): Promise<{
  fixture: FixtureCache;
  dashboard: RunningDashboard;
  base: string;
  hostHeader: string;
}> {
  const fixture = await buildFixtureCache(tempDir());
  const dashboard = await startForTest({ cacheDir: fixture.dir, token: TEST_TOKEN });
  return { fixture, dashboard, base: dashboard.url, hostHeader: new URL(dashboard.url).host };
}
