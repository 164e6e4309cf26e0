import { InvalidQuantityError, parseDuration } from '@streamgank/cache';
import { UsageError } from '../../../errors.js';

/** What `cache review` looks back over when no `--since` is given. */
export const DEFAULT_SINCE = '24h';

/** `--since 2h`, `--since 7d` or `--since 2025-01-31T09:00`: the moment it names, in epoch milliseconds. */
export function sinceOption(value: string, now: number): number {
  const problem = `--since ${JSON.stringify(value)} is neither a duration (2h, 7d, 90m) nor an ISO time (2025-01-31 or 2025-01-31T09:00).`;
  if (/^\d{4}-\d{2}-\d{2}/.test(value)) {
    const ms = Date.parse(value);
    if (Number.isNaN(ms)) throw new UsageError(problem);
    return ms;
  }
  try {
    return now - parseDuration(value);
  } catch (error) {
    if (error instanceof InvalidQuantityError) throw new UsageError(problem);
    throw error;
  }
}
