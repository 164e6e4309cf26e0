import { CacheError, type CacheErrorCode } from '../errors.js';

/** A Redis tier setting that cannot be used (a negative timeout, a prefix that is not text). */
export class InvalidSharedTierOptionError extends CacheError {
  static readonly code = 'INVALID_SHARED_TIER_OPTION' satisfies CacheErrorCode;

  constructor(
    readonly option: string,
    readonly value: unknown,
    expected: string,
  ) {
    super(`Invalid ${option} ${JSON.stringify(value)}: expected ${expected}.`);
  }
}
