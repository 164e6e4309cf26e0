import { CacheError } from '../errors.js';

/** A Redis tier setting that cannot be used (a negative timeout, a prefix that is not text). */
export class InvalidSharedTierOptionError extends CacheError {
  constructor(
    readonly option: string,
    readonly value: unknown,
    expected: string,
  ) {
    super('INVALID_SHARED_TIER_OPTION', `Invalid ${option} ${JSON.stringify(value)}: expected ${expected}.`);
  }
}
