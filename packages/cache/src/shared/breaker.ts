import { createRequire } from 'node:module';
import type * as Cockatiel from 'cockatiel';
import type { CircuitBreakerPolicy } from 'cockatiel';
import type { CacheLogger } from '../options/logger.js';
import { SharedStoreError } from './store.js';

/**
 * cockatiel, loaded when the first breaker is made, and with `require`: imported as an ES module,
 * its CommonJS files are first scanned by Node for their exports, and V8 went on compiling that
 * scanner in the background well after the import, in every process that imported this package,
 * Redis or not. On a 2-core machine that took a third of the time of listing 10,000 entries in a
 * fresh process.
 */
let cockatielModule: typeof Cockatiel | undefined;

function cockatiel(): typeof Cockatiel {
  cockatielModule ??= createRequire(import.meta.url)('cockatiel') as typeof Cockatiel;
  return cockatielModule;
}

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
  return cockatielModule !== undefined && error instanceof cockatielModule.BrokenCircuitError;
}
