import { InvalidQuantityError, parseDuration, parseSize } from '@streamgank/cache';
import { UsageError } from './errors.js';

function parseOption<T>(flag: string, value: string, parse: (value: string) => T, expected: string): T {
  try {
    return parse(value);
  } catch (error) {
    if (!(error instanceof InvalidQuantityError)) throw error;
    throw new UsageError(`${flag} ${JSON.stringify(value)} is not ${expected}.`);
  }
}

/** A duration flag such as `--older-than 7d`, in milliseconds; bad input is a usage error naming the flag. */
export function durationOption(flag: string, value: string): number {
  return parseOption(flag, value, parseDuration, 'a duration: use a number and a unit, e.g. 30d, 12h, 90m, 45s or 2w');
}

/** A size flag such as `--max-size 500MB`, in bytes. */
export function sizeOption(flag: string, value: string): number {
  return parseOption(flag, value, parseSize, 'a size: use a number and a unit, e.g. 500MB, 2GB or 750KB');
}
