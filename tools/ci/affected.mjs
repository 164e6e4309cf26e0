#!/usr/bin/env node
// `npm run affected [-- <base>]`: lint, typecheck, test and build only what changed since `base`
// (default: origin/main, else main), as CI does on a pull request.
import { spawnSync } from 'node:child_process';

const TARGETS = 'lint,typecheck,test,build';
const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  console.log(
    'Usage: npm run affected [-- <base-ref>] [extra nx options]\n\nRuns nx affected -t ' +
      TARGETS +
      ' between <base-ref> (default origin/main, else main) and HEAD.',
  );
  process.exit(0);
}

function refExists(ref) {
  return spawnSync('git', ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { stdio: 'ignore' }).status === 0;
}

const explicit = args[0] && !args[0].startsWith('-') ? args.shift() : undefined;
const base = explicit ?? ['origin/main', 'main'].find(refExists);
if (!base || !refExists(base)) {
  console.error(
    `affected: cannot find the base ${explicit ?? 'origin/main or main'}; pass one: npm run affected -- <base-ref>`,
  );
  process.exit(2);
}
const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' };
const result = spawnSync('npx', ['nx', 'affected', '-t', TARGETS, `--base=${base}`, '--head=HEAD', ...args], {
  stdio: 'inherit',
  env,
});
process.exit(result.status ?? 1);
