import type * as Cockatiel from 'cockatiel';
import type { CircuitBreakerPolicy } from 'cockatiel';
import type { CacheLogger } from '../options/logger.js';
import { SharedStoreError } from './store.js';
import { requiredOnFirstUse } from '../required-on-first-use.js';

/**
 * cockatiel, loaded when the first breaker is made: in a process that imported this package as an
 * ES module, it took a third of the time of listing 10,000 entries, Redis or not.
 */
const cockatiel = requiredOnFirstUse<typeof Cockatiel>('cockatiel');

/**
 * The breaker in front of the shared store at `location`. One failure of the store opens it: calls
 * answer "unavailable" at once until the store is tried again after `retryAfterMs`. A bad value
 * from a store that answered is not a failure. The outage is told once, when it begins (the breaker
 * opens again each time a retry fails), and its end once.
 */
export function storeBreaker(location: string, retryAfterMs: number, logger: CacheLogger): CircuitBreakerPolicy {
  const { circuitBreaker, ConsecutiveBreaker, handleType } = cockatiel();
  const breaker = circuitBreaker(handleType(SharedStoreError), {
    halfOpenAfter: retryAfterMs,
    breaker: new ConsecutiveBreaker(1),
  });
  let outage = false;
  breaker.onBreak((reason) => {
    if (outage) return;
    outage = true;
    const why = 'error' in reason ? reason.error.message : 'it failed';
    logger.warn(
      `the shared cache at ${location} is unavailable (${why}); carrying on with the local cache only ` +
        `and trying again every ${Math.round(retryAfterMs / 1000)} s. Start Redis, or unset STREAMGANK_REDIS_URL to stop using it.`,
    );
  });
  breaker.onReset(() => {
    outage = false;
    logger.info(`the shared cache at ${location} is reachable again.`);
  });
  return breaker;
}

/** Whether `error` is an open breaker's answer (the store was not tried). */
export function isOpenBreakerError(error: unknown): boolean {
  return error instanceof cockatiel().BrokenCircuitError;
}
