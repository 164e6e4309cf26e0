import type { Explanation } from './explain/explanation.js';

/**
 * Every error the cache throws on purpose is a CacheError with a stable `code`,
 * so callers (the CLI above all) can map it to an exit status and a one-line message.
 */
export class CacheError extends Error {
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** A data type name that cannot be part of a file name (it is code, not user input). */
export class InvalidDataTypeError extends CacheError {
  constructor(readonly dataType: string) {
    super(
      'INVALID_DATA_TYPE',
      `Invalid data type ${JSON.stringify(dataType)}: use lower-case letters, digits and "_", starting with a letter (e.g. "script_result").`,
    );
  }
}

/** A parameter that is not a non-empty string. */
export class InvalidParameterError extends CacheError {
  constructor(
    readonly parameter: string,
    readonly value: unknown,
  ) {
    super('INVALID_PARAMETER', `Invalid ${parameter} ${JSON.stringify(value)}: expected a non-empty string.`);
  }
}

export class InvalidModeError extends CacheError {
  constructor(
    readonly value: string,
    readonly source: string,
  ) {
    super(
      'INVALID_MODE',
      `Unknown cache mode ${JSON.stringify(value)} (from ${source}): use one of readwrite, readonly, refresh, off.`,
    );
  }
}

/** A duration or size option that cannot be read ("7d", "500MB" are fine). */
export class InvalidQuantityError extends CacheError {
  constructor(
    readonly value: unknown,
    readonly expected: string,
  ) {
    super('INVALID_QUANTITY', `Cannot read ${JSON.stringify(value)}: expected ${expected}.`);
  }
}

/** Data that cannot be stored as JSON (undefined, BigInt, cycles). */
export class InvalidEntryDataError extends CacheError {
  constructor(reason: string, options?: { cause?: unknown }) {
    super('INVALID_ENTRY_DATA', `Cannot cache this data: ${reason}. Cache entries hold plain JSON.`, options);
  }
}

export type CorruptReason = 'unreadable' | 'not_json' | 'schema' | 'checksum' | 'missing_blob' | 'data_schema';

/** An entry file that exists but cannot be trusted; it has been moved to `.quarantine/`. */
export class CacheCorruptError extends CacheError {
  constructor(
    readonly file: string,
    readonly reason: CorruptReason,
    readonly detail: string,
    readonly quarantinedTo: string | undefined,
  ) {
    super(
      'CACHE_CORRUPT',
      `Cache entry ${file} is corrupt (${reason}: ${detail})` +
        (quarantinedTo ? `; it was moved to ${quarantinedTo}.` : '.'),
    );
  }
}

/** Readonly mode found no usable entry: nothing is produced, the caller is told how to fill it. */
export class CacheMissError extends CacheError {
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
      'CACHE_MISS',
      `No usable cached ${dataType} for ${Object.values(parameters).join('/')} (${file}: ${why}). ` +
        `The cache is in readonly mode, so nothing was produced. ${fillHint}`,
    );
  }
}

export class BlobNotFoundError extends CacheError {
  constructor(readonly sha256: string) {
    super(
      'BLOB_NOT_FOUND',
      `Blob sha256:${sha256} is not in the cache. Produce its entry again (cache mode refresh) or import a bundle that holds it.`,
    );
  }
}

export class BlobCorruptError extends CacheError {
  constructor(
    readonly sha256: string,
    readonly actual: string,
    readonly quarantinedTo: string | undefined,
  ) {
    super(
      'BLOB_CORRUPT',
      `Blob sha256:${sha256} does not match its digest (got sha256:${actual})` +
        (quarantinedTo ? `; it was moved to ${quarantinedTo}.` : '.') +
        ' Produce its entry again (cache mode refresh).',
    );
  }
}

export class InvalidDigestError extends CacheError {
  constructor(readonly value: string) {
    super('INVALID_DIGEST', `Invalid blob digest ${JSON.stringify(value)}: expected 64 lower-case hex characters.`);
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
  constructor(
    readonly directory: string,
    readonly operation: string,
    readonly holders: readonly number[],
  ) {
    const who = holders.length > 0 ? `process ${holders.join(', ')}` : 'another process';
    super(
      'CACHE_BUSY',
      `Cannot ${operation} the cache at ${directory}: ${who} is cleaning it up (clear, prune or verify --fix). ` +
        'Wait for it to finish, then try again.',
    );
  }
}

/** An option or environment variable of the cache that cannot be used as given. */
export class InvalidOptionError extends CacheError {
  constructor(
    readonly option: string,
    readonly value: unknown,
    readonly expected: string,
  ) {
    super('INVALID_OPTION', `Invalid ${option} ${JSON.stringify(value)}: expected ${expected}.`);
  }
}

/** No entry file of that name, and no history for it. */
export class EntryNotFoundError extends CacheError {
  constructor(
    readonly file: string,
    readonly directory: string,
  ) {
    super(
      'ENTRY_NOT_FOUND',
      `No entry ${JSON.stringify(file)} in ${directory}, and no history for it. Run \`streamgank cache list\` to see the entries.`,
    );
  }
}

/** A version number an entry does not have. */
export class VersionNotFoundError extends CacheError {
  constructor(
    readonly file: string,
    readonly version: number,
    readonly available: readonly number[],
  ) {
    super(
      'VERSION_NOT_FOUND',
      `${file} has no version ${version}; it has ${available.length > 0 ? available.join(', ') : 'none'}. Run \`streamgank cache history ${file}\` to see them.`,
    );
  }
}
