#!/usr/bin/env node
// npm links a workspace's bin when it installs, before anything is built, and silently skips a bin
// whose file does not exist yet; this file always exists, so `npx streamgank` works once built.
// It runs the bundle (dist-bundle/, a handful of files: fast to start) when there is one, else the
// modules tsc built (dist/).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundled = fileURLToPath(new URL('../dist-bundle/bin.js', import.meta.url));
const built = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
try {
  await import(existsSync(bundled) ? '../dist-bundle/bin.js' : '../dist/bin.js');
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes(built)) throw error;
  process.stderr.write(
    `streamgank: error: the CLI is not built yet (${built} is missing): run 'npx nx build cli' first.\n`,
  );
  process.exitCode = 1;
}
