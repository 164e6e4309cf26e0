export { main } from './main.js';
export { createProgram } from './program.js';
export { ExitCode, type ExitCodeValue } from './exit-codes.js';
export { CliError, UsageError, FailureError, InterruptedError } from './errors.js';
