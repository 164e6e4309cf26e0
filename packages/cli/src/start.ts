#!/usr/bin/env node
import { main } from './main.js';

/** `nx run cli:start` with no arguments makes the README's example video. */
const DEFAULT_JOB = ['--country', 'US', '--genre', 'Horror', '--platform', 'Netflix'];

// `nx run cli:start -- <args>` is `streamgank run <args>`, run from the workspace root.
const args = process.argv.slice(2);
process.exitCode = await main(['run', ...(args.length > 0 ? args : DEFAULT_JOB)]);
