import { spawnSync } from 'node:child_process';

/**
 * A system test whose dependency is missing may skip on a developer's machine, saying why, but
 * CI sets STREAMGANK_REQUIRE_SYSTEM_TESTS=1 and there a missing dependency is a failure.
 */
export function systemRequirement(what: string, available: boolean, howToGet: string): { skip: boolean } {
  if (available) return { skip: false };
  const message = `${what} is not available here (${howToGet})`;
  if (process.env['STREAMGANK_REQUIRE_SYSTEM_TESTS'] === '1') {
    throw new Error(`${message}; STREAMGANK_REQUIRE_SYSTEM_TESTS=1 forbids skipping.`);
  }
  process.stderr.write(`skipping: ${message}\n`);
  return { skip: true };
}

export function commandExists(command: string, args: readonly string[] = ['--version']): boolean {
  return spawnSync(command, args, { stdio: 'ignore' }).status === 0;
}
