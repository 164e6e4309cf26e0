export { main } from './main.js';
export { createProgram } from './program.js';
export { ExitCode, EXIT_CODE_BY_CATEGORY, type ExitCodeValue } from './exit-codes.js';
export { CLI_ERROR_CODES, type CliErrorCode, CliError, UsageError, FailureError, InterruptedError } from './errors.js';
