import { ExitCode, type ExitCodeValue } from './exit-codes.js';

/**
 * An error the CLI raises on purpose: its message is the one line a user sees, and `exitCode`
 * says what kind of failure it is.
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCodeValue,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Bad usage or bad input (exit 2): the message names the problem and what is accepted. */
export class UsageError extends CliError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, ExitCode.usage, options);
  }
}

/** Something did not work out (exit 1), e.g. an entry that is not in the cache, a declined confirmation. */
export class FailureError extends CliError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, ExitCode.failure, options);
  }
}

/** The run was stopped by Ctrl-C or SIGTERM (exit 130). */
export class InterruptedError extends CliError {
  constructor(message = 'Interrupted; what was already cached is kept.') {
    super(message, ExitCode.interrupted);
  }
}
