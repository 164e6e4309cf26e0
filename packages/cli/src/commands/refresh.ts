import type { CacheMode } from '@streamgank/cache';
import { STEP_DATA_TYPES } from '@streamgank/pipeline';
import { describeDataTypes, resolveDataType } from '../data-types.js';
import { UsageError } from '../errors.js';

export interface RefreshModes {
  /** `--refresh all`: every step. */
  readonly mode?: CacheMode;
  readonly modes: Record<string, CacheMode>;
}

/** `--refresh scripts assets` as per-type cache modes; friendly names are accepted, unknown ones listed. */
export function refreshModes(names: readonly string[] = [], known: readonly string[] = STEP_DATA_TYPES): RefreshModes {
  const modes: Record<string, CacheMode> = {};
  for (const name of names
    .flatMap((item) => item.split(','))
    .map((item) => item.trim())
    .filter(Boolean)) {
    if (name.toLowerCase() === 'all') return { mode: 'refresh', modes: {} };
    const dataType = resolveDataType(name, known);
    if (!dataType)
      throw new UsageError(
        `--refresh ${JSON.stringify(name)} is not a step's data type: use ${describeDataTypes(known)} or all.`,
      );
    modes[dataType] = 'refresh';
  }
  return { modes };
}
