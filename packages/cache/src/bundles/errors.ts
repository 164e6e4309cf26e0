import { CacheError, type CacheErrorCode } from '../errors.js';

/** The file given to import is missing or is not a StreamGank cache bundle at all. */
export class InvalidBundleError extends CacheError {
  static readonly code = 'INVALID_BUNDLE' satisfies CacheErrorCode;

  constructor(
    readonly file: string,
    readonly why: string,
  ) {
    super(
      `${file} is not a usable StreamGank cache bundle: ${why}. Make one with \`streamgank cache export <file.tar.gz>\`.`,
    );
  }
}

/** A blob changed or went missing while it was being exported; nothing was written. */
export class BundleExportError extends CacheError {
  static readonly code = 'BUNDLE_EXPORT_FAILED' satisfies CacheErrorCode;

  constructor(
    readonly file: string,
    why: string,
  ) {
    super(`Could not export ${file}: ${why}. Run \`streamgank cache verify --fix\`, then export again.`);
  }
}
