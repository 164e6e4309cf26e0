import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli, type CliOptions, type CliResult } from './run-cli.js';

const REGISTER = fileURLToPath(new URL('./module-log-register.mjs', import.meta.url));

/**
 * Run `streamgank …args` with a module hook that writes down every module the process imports
 * (ESM resolution, which is how the packages load each other and their dependencies).
 */
export async function runCliLoggingModules(
  args: readonly string[],
  options: CliOptions & { logDir: string },
): Promise<CliResult & { modules: string[] }> {
  const log = join(options.logDir, `modules-${process.hrtime.bigint()}.txt`);
  const result = await runCli(args, {
    ...options,
    nodeArgs: ['--import', REGISTER],
    env: { ...options.env, STREAMGANK_TEST_MODULE_LOG: log },
  });
  const modules = existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : [];
  return { ...result, modules };
}
