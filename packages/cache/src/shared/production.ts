import { setTimeout as sleep } from 'node:timers/promises';
import type { JsonValue } from '../entries/canonical-json.js';
import type { CacheContext } from '../context.js';
import type { ReadOptions } from '../entries/read.js';
import { entryLocation } from '../entries/location.js';
import type { EntryParameters } from '../entries/name.js';
import { readShared, type SharedRead } from './read.js';
import type { SharedLock } from './store.js';
import type { SharedTier } from './tier.js';

/** A producer's lock in the shared tier, renewed while the producer runs. */
export interface ProductionLock {
  release(): Promise<void>;
}

export type ProductionClaim<T> =
  | { readonly kind: 'served'; readonly hit: Extract<SharedRead<T>, { status: 'hit' }> }
  | { readonly kind: 'produce'; readonly lock?: ProductionLock };

/**
 * Before producing on a miss, make sure no other machine is producing the same entry: take the
 * entry's lock in the shared tier, or wait (bounded by `lockWaitMs`) for its holder to publish
 * and use that. When the tier is unavailable, or the wait runs out, produce here anyway.
 */
export async function claimProduction<T = JsonValue>(
  context: CacheContext,
  tier: SharedTier,
  dataType: string,
  parameters: EntryParameters,
  options: ReadOptions<T>,
): Promise<ProductionClaim<T>> {
  const { file } = entryLocation(context, dataType, parameters);
  const { lockWaitMs, lockPollMs } = tier.settings;
  const deadline = performance.now() + lockWaitMs;
  let waited = false;
  for (;;) {
    const lock = await tier.tryLock(file);
    if (!lock.ok) return { kind: 'produce' };
    // The holder may have published and released between our first look and now: look again.
    const published = await readShared(context, tier, dataType, parameters, options);
    if (published.status === 'hit') {
      if (lock.value) await tier.releaseLock(lock.value);
      return { kind: 'served', hit: published };
    }
    if (lock.value) return { kind: 'produce', lock: holdLock(tier, lock.value) };
    if (published.status === 'unavailable') return { kind: 'produce' };

    if (!waited) {
      waited = true;
      context.logger.info(
        `another machine is producing ${file}; waiting up to ${Math.round(lockWaitMs / 1000)} s for it.`,
      );
    }
    for (;;) {
      const left = deadline - performance.now();
      if (left <= 0) {
        context.logger.info(
          `waited ${Math.round(lockWaitMs / 1000)} s for ${file} from another machine; producing it here.`,
        );
        return { kind: 'produce' };
      }
      await sleep(Math.min(lockPollMs, left));
      const locked = await tier.isLocked(file);
      if (!locked.ok) return { kind: 'produce' };
      if (!locked.value) break;
    }
  }
}

function holdLock(tier: SharedTier, lock: SharedLock): ProductionLock {
  const renew = setInterval(() => void tier.extendLock(lock), Math.max(50, tier.settings.lockTtlMs / 3));
  renew.unref();
  return {
    async release() {
      clearInterval(renew);
      await tier.releaseLock(lock);
    },
  };
}
