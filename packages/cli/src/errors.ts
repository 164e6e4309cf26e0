import type { ErrorCategory } from '@streamgank/cache';
import { EXIT_CODE_BY_CATEGORY, type ExitCodeValue } from './exit-codes.js';

/** Every code a CliError carries, with its category, as the other packages export theirs. */
export const CLI_ERROR_CODES = Object.freeze({
  USAGE: 'usage',
  FAILURE: 'failure',
  INTERRUPTED: 'interrupted',
} as const satisfies Readonly<Record<string, ErrorCategory>>);

export type CliErrorCode = keyof typeof CLI_ERROR_CODES;

/**
 * An error the CLI raises on purpose: its message is the one line a user sees, and its code
 * (each subclass names it once, as its static `code`) says what kind of failure it is.
 */
export class CliError extends Error {
  readonly code: CliErrorCode;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = (new.target as unknown as { readonly code: CliErrorCode }).code;
  }

  get exitCode(): ExitCodeValue {
    return EXIT_CODE_BY_CATEGORY[CLI_ERROR_CODES[this.code]];
  }
}

/** Bad usage or bad input (exit 2): the message names the problem and what is accepted. */
export class UsageError extends CliError {
  static readonly code = 'USAGE' satisfies CliErrorCode;
}

/** Something did not work out (exit 1), e.g. an entry that is not in the cache, a declined confirmation. */
export class FailureError extends CliError {
  static readonly code = 'FAILURE' satisfies CliErrorCode;
}

/** The run was stopped by Ctrl-C or SIGTERM (exit 130). */
export class InterruptedError extends CliError {
  static readonly code = 'INTERRUPTED' satisfies CliErrorCode;

  constructor(message = 'Interrupted; what was already cached is kept.') {
    super(message);
  }
}
