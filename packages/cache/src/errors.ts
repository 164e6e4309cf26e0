import type { Explanation } from './explain/explanation.js';

/**
 * What kind of failure an error is, so that a caller can act on it without knowing every error:
 * `usage` (bad input: fix the command or setting), `miss` (readonly mode met no usable entry),
 * `failure` (something went wrong while working), `interrupted` (the work was cancelled).
 * The CLI turns each into its exit status.
 */
export type ErrorCategory = 'usage' | 'miss' | 'failure' | 'interrupted';

/** Every code a CacheError carries, with its category: stable, for scripts and for the CLI's exit codes. */
export const CACHE_ERROR_CODES = Object.freeze({
  INVALID_DATA_TYPE: 'usage',
  INVALID_PARAMETER: 'usage',
  INVALID_MODE: 'usage',
  INVALID_QUANTITY: 'usage',
  INVALID_DIGEST: 'usage',
  INVALID_SHARED_TIER_OPTION: 'usage',
  INVALID_BUNDLE: 'usage',
  INVALID_OPTION: 'usage',
  ENTRY_NOT_FOUND: 'usage',
  VERSION_NOT_FOUND: 'usage',
  INVALID_ENTRY_DATA: 'failure',
  CACHE_CORRUPT: 'failure',
  BLOB_NOT_FOUND: 'failure',
  BLOB_CORRUPT: 'failure',
  BUNDLE_EXPORT_FAILED: 'failure',
  CACHE_BUSY: 'failure',
  CACHE_MISS: 'miss',
} as const satisfies Readonly<Record<string, ErrorCategory>>);

export type CacheErrorCode = keyof typeof CACHE_ERROR_CODES;

/**
 * Every error the cache throws on purpose is a CacheError. Each subclass names its code once, as
 * its static `code` (one of CACHE_ERROR_CODES), and every instance carries it, so callers (the
 * CLI above all) can map it to an exit status and a one-line message.
 */
export class CacheError extends Error {
  readonly code: CacheErrorCode;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = (new.target as unknown as { readonly code: CacheErrorCode }).code;
  }
}

/** A data type name that cannot be part of a file name (it is code, not user input). */
export class InvalidDataTypeError extends CacheError {
  static readonly code = 'INVALID_DATA_TYPE' satisfies CacheErrorCode;

  constructor(readonly dataType: string) {
    super(
      `Invalid data type ${JSON.stringify(dataType)}: use lower-case letters, digits and "_", starting with a letter (e.g. "script_result").`,
    );
  }
}

/** A parameter that is not a non-empty string. */
export class InvalidParameterError extends CacheError {
  static readonly code = 'INVALID_PARAMETER' satisfies CacheErrorCode;

  constructor(
    readonly parameter: string,
    readonly value: unknown,
  ) {
    super(`Invalid ${parameter} ${JSON.stringify(value)}: expected a non-empty string.`);
  }
}

export class InvalidModeError extends CacheError {
  static readonly code = 'INVALID_MODE' satisfies CacheErrorCode;

  constructor(
    readonly value: string,
    readonly source: string,
  ) {
    super(
      `Unknown cache mode ${JSON.stringify(value)} (from ${source}): use one of readwrite, readonly, refresh, off.`,
    );
  }
}

/** A duration or size option that cannot be read ("7d", "500MB" are fine). */
export class InvalidQuantityError extends CacheError {
  static readonly code = 'INVALID_QUANTITY' satisfies CacheErrorCode;

  constructor(
    readonly value: unknown,
    readonly expected: string,
  ) {
    super(`Cannot read ${JSON.stringify(value)}: expected ${expected}.`);
  }
}

/** Data that cannot be stored as JSON (undefined, BigInt, cycles). */
export class InvalidEntryDataError extends CacheError {
  static readonly code = 'INVALID_ENTRY_DATA' satisfies CacheErrorCode;

  constructor(reason: string, options?: { cause?: unknown }) {
    super(`Cannot cache this data: ${reason}. Cache entries hold plain JSON.`, options);
  }
}

export type CorruptReason = 'unreadable' | 'not_json' | 'schema' | 'checksum' | 'missing_blob' | 'data_schema';

/** An entry file that exists but cannot be trusted; it has been moved to `.quarantine/`. */
export class CacheCorruptError extends CacheError {
  static readonly code = 'CACHE_CORRUPT' satisfies CacheErrorCode;

  constructor(
    readonly file: string,
    readonly reason: CorruptReason,
    readonly detail: string,
    readonly quarantinedTo: string | undefined,
  ) {
    super(
      `Cache entry ${file} is corrupt (${reason}: ${detail})` +
        (quarantinedTo ? `; it was moved to ${quarantinedTo}.` : '.'),
    );
  }
}

/** Readonly mode found no usable entry: nothing is produced, the caller is told how to fill it. */
export class CacheMissError extends CacheError {
  static readonly code = 'CACHE_MISS' satisfies CacheErrorCode;

  constructor(
    readonly dataType: string,
    readonly parameters: Readonly<Record<string, string>>,
    readonly file: string,
    readonly why: string,
    readonly fillHint: string,
    /** What was missing, stale or corrupt, and what is nearby. */
    readonly explanation?: Explanation,
  ) {
    super(
      `No usable cached ${dataType} for ${Object.values(parameters).join('/')} (${file}: ${why}). ` +
        `The cache is in readonly mode, so nothing was produced. ${fillHint}`,
    );
  }
}

export class BlobNotFoundError extends CacheError {
  static readonly code = 'BLOB_NOT_FOUND' satisfies CacheErrorCode;

  constructor(readonly sha256: string) {
    super(
      `Blob sha256:${sha256} is not in the cache. Produce its entry again (cache mode refresh) or import a bundle that holds it.`,
    );
  }
}

export class BlobCorruptError extends CacheError {
  static readonly code = 'BLOB_CORRUPT' satisfies CacheErrorCode;

  constructor(
    readonly sha256: string,
    readonly actual: string,
    readonly quarantinedTo: string | undefined,
  ) {
    super(
      `Blob sha256:${sha256} does not match its digest (got sha256:${actual})` +
        (quarantinedTo ? `; it was moved to ${quarantinedTo}.` : '.') +
        ' Produce its entry again (cache mode refresh).',
    );
  }
}

export class InvalidDigestError extends CacheError {
  static readonly code = 'INVALID_DIGEST' satisfies CacheErrorCode;

  constructor(readonly value: string) {
    super(`Invalid blob digest ${JSON.stringify(value)}: expected 64 lower-case hex characters.`);
  }
}

/** Node's errno codes that mean "this cache cannot be written", as opposed to a bug. */
const UNWRITABLE_CODES = new Set([
  'EROFS',
  'ENOSPC',
  'EACCES',
  'EPERM',
  'EDQUOT',
  'EFBIG',
  'ENOTDIR',
  'EMFILE',
  'ENFILE',
]);

export function isUnwritableError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && UNWRITABLE_CODES.has((error as NodeJS.ErrnoException).code ?? '');
}

export function isNotFoundError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === 'ENOENT';
}

/** Another process holds the cache's housekeeping lock (a clear, prune or verify --fix is running). */
export class CacheBusyError extends CacheError {
  static readonly code = 'CACHE_BUSY' satisfies CacheErrorCode;

  constructor(
    readonly directory: string,
    readonly operation: string,
    readonly holders: readonly number[],
  ) {
    const who = holders.length > 0 ? `process ${holders.join(', ')}` : 'another process';
    super(
      `Cannot ${operation} the cache at ${directory}: ${who} is cleaning it up (clear, prune or verify --fix). ` +
        'Wait for it to finish, then try again.',
    );
  }
}

/** An option or environment variable of the cache that cannot be used as given. */
export class InvalidOptionError extends CacheError {
  static readonly code = 'INVALID_OPTION' satisfies CacheErrorCode;

  constructor(
    readonly option: string,
    readonly value: unknown,
    readonly expected: string,
  ) {
    super(`Invalid ${option} ${JSON.stringify(value)}: expected ${expected}.`);
  }
}

/** No entry file of that name, and no history for it. */
export class EntryNotFoundError extends CacheError {
  static readonly code = 'ENTRY_NOT_FOUND' satisfies CacheErrorCode;

  constructor(
    readonly file: string,
    readonly directory: string,
  ) {
    super(
      `No entry ${JSON.stringify(file)} in ${directory}, and no history for it. Run \`streamgank cache list\` to see the entries.`,
    );
  }
}

/** A version number an entry does not have. */
export class VersionNotFoundError extends CacheError {
  static readonly code = 'VERSION_NOT_FOUND' satisfies CacheErrorCode;

  constructor(
    readonly file: string,
    readonly version: number,
    readonly available: readonly number[],
  ) {
    super(
      `${file} has no version ${version}; it has ${available.length > 0 ? available.join(', ') : 'none'}. Run \`streamgank cache history ${file}\` to see them.`,
    );
  }
}
