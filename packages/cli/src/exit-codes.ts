import type { ErrorCategory } from '@streamgank/cache';

/** The process exit statuses every command keeps; scripts and CI depend on them. */
export const ExitCode = {
  ok: 0,
  /** Something failed while working (a step, a write, an unhealthy cache after verify). */
  failure: 1,
  /** Bad usage or bad input: an unknown option, genre, mode, size or duration. */
  usage: 2,
  /** Readonly mode met an entry that is not in the cache. */
  cacheMiss: 3,
  /** Stopped by Ctrl-C (128 + SIGINT), as shells report it. */
  interrupted: 130,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** The exit status of each category of error the packages' code tables name. */
export const EXIT_CODE_BY_CATEGORY: Readonly<Record<ErrorCategory, ExitCodeValue>> = Object.freeze({
  usage: ExitCode.usage,
  miss: ExitCode.cacheMiss,
  failure: ExitCode.failure,
  interrupted: ExitCode.interrupted,
});
