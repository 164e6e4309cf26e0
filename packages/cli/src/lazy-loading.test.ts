import { describe, expect, it } from 'vitest';
import { unusedRedisUrl, tempDir } from '@streamgank/testing';
import { runCliLoggingModules } from './test-support/module-log.js';
import { seedEntries } from './test-support/seed-cache.js';

const REDIS_CLIENT = /\/node_modules\/ioredis\/|\/cache\/dist\/shared\/redis-store\.js$/;
const BUNDLE_CODE = /\/node_modules\/tar\/|\/cache\/dist\/bundles(\.js|\/)/;
const PROMPT = /\/node_modules\/@inquirer\//;
const PIPELINE_OR_DASHBOARD = /^.*\/(pipeline|dashboard)\/dist\//;

/** The pipeline's and the dashboard's modules among `modules`, as `pipeline/errors.js`. */
const pipelineAndDashboard = (modules: readonly string[]) =>
  modules
    .filter((url) => PIPELINE_OR_DASHBOARD.test(url))
    .map((url) => url.replace(PIPELINE_OR_DASHBOARD, '$1/'))
    .sort();

describe('what `streamgank` loads', () => {
  it('cache stats --json without Redis loads neither the Redis client, the bundle code or the prompt, nor the pipeline or the dashboard', async () => {
    const dir = tempDir();
    seedEntries(dir);
    const result = await runCliLoggingModules(['--cache-dir', dir, 'cache', 'stats', '--json'], {
      cwd: dir,
      logDir: tempDir(),
    });
    expect(result.code, result.stderr).toBe(0);
    // The hook saw the packages load, so an absence below means something.
    expect(result.modules.some((url) => url.endsWith('/cache/dist/index.js'))).toBe(true);
    expect(result.modules.filter((url) => REDIS_CLIENT.test(url))).toEqual([]);
    expect(result.modules.filter((url) => BUNDLE_CODE.test(url))).toEqual([]);
    expect(result.modules.filter((url) => PROMPT.test(url))).toEqual([]);
    // Only their error code tables, which reporting an error needs.
    expect(pipelineAndDashboard(result.modules)).toEqual([
      'dashboard/errors.js',
      'pipeline/errors.js',
      'pipeline/steps/step-table.js',
    ]);
  });

  it('loads the Redis client only once a Redis URL is configured, and the bundle code only to export or import', async () => {
    const dir = tempDir();
    seedEntries(dir);
    const withRedis = await runCliLoggingModules(
      ['--cache-dir', dir, '--redis-url', await unusedRedisUrl(), 'cache', 'stats', '--json'],
      {
        cwd: dir,
        logDir: tempDir(),
      },
    );
    expect(withRedis.code, withRedis.stderr).toBe(0);
    expect(withRedis.modules.filter((url) => REDIS_CLIENT.test(url))).not.toEqual([]);
    expect(withRedis.modules.filter((url) => BUNDLE_CODE.test(url))).toEqual([]);

    const exporting = await runCliLoggingModules(['--cache-dir', dir, 'cache', 'export', `${tempDir()}/all.tar.gz`], {
      cwd: dir,
      logDir: tempDir(),
    });
    expect(exporting.code, exporting.stderr).toBe(0);
    expect(exporting.modules.filter((url) => BUNDLE_CODE.test(url))).not.toEqual([]);
    expect(exporting.modules.filter((url) => REDIS_CLIENT.test(url))).toEqual([]);
  });
});
