import type { DataSchema, FingerprintInputs, ProduceContext } from '@streamgank/cache';
import type { PipelineStep } from './step-table.js';

/** What a step's producer gets besides its own inputs. */
export interface StepTools {
  /** Store files as blobs, name the producer, record usage and cost. */
  readonly cache: ProduceContext;
  progress(fraction: number, note?: string): void;
}

/**
 * One step's work: its row of the step table, the inputs that make its fingerprint, the schema
 * its data must match, how it is produced, and how its result is summed up for a person.
 */
export interface StepDefinition<T> {
  readonly step: PipelineStep;
  readonly schema: DataSchema<T>;
  readonly inputs: FingerprintInputs;
  produce(tools: StepTools): Promise<T>;
  describe(data: T, cached: boolean): string;
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
