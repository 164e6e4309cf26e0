import type { DataSchema, FingerprintInputs, ProduceContext } from '@streamgank/cache';

/** Which step is reporting, for progress bars. */
export interface StepInfo {
  readonly number: number;
  readonly total: number;
  readonly name: string;
  readonly dataType: string;
}

export const TOTAL_STEPS = 7;

/** What a step's producer gets besides its own inputs. */
export interface StepTools {
  /** Store files as blobs, name the producer, record usage and cost. */
  readonly cache: ProduceContext;
  progress(fraction: number, note?: string): void;
}

/** The words the runner prints for a step, in the seed's style. */
export interface StepWording {
  /** "script data" in "📂 Using cached script data from test_output..." */
  readonly cachedNoun: string;
  /** "data" in "🔄 No cached data found, ..." */
  readonly missNoun: string;
  /** "generating new scripts" in "🔄 No cached data found, generating new scripts..." */
  readonly action: string;
}

/**
 * One step: the cache entry it fills, the inputs that make its fingerprint, the schema its data
 * must match, how it is produced, and how its result is summed up for a person.
 */
export interface StepDefinition<T> {
  readonly number: number;
  readonly name: string;
  readonly dataType: string;
  readonly wording: StepWording;
  readonly schema: DataSchema<T>;
  readonly inputs: FingerprintInputs;
  produce(tools: StepTools): Promise<T>;
  describe(data: T, cached: boolean): string;
}

export const STEP_NAMES = [
  'Catalog Query',
  'Script Generation',
  'Asset Preparation',
  'Narration Videos',
  'Collect Narration Videos',
  'Scroll Overlay',
  'Final Assembly',
] as const;

/** The data type of each step's cache entry, in step order. */
export const STEP_DATA_TYPES: readonly string[] = [
  'catalog',
  'script_result',
  'assets',
  'narration_videos',
  'narration_collection',
  'scroll_overlay',
  'final_video',
];

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
