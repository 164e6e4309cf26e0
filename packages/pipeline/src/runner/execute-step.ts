import { explanationText, type ProduceContext, type UpstreamEntry } from '@streamgank/cache';
import { PipelineAbortedError, PipelineStepError } from '../errors.js';
import type { StepDefinition } from '../steps/step.js';
import type { PipelineStep } from '../steps/step-table.js';
import type { RunState } from './run-state.js';
import type { RunReporter, StepReport } from './run-types.js';
import { formatSeconds, stepHeader, stepLines } from './step-lines.js';

export interface StepLog {
  readonly reports: StepReport[];
  timeSavedMs: number;
  /** The entries of the steps done so far, by data type: the upstream of the steps that use them. */
  readonly entries: Map<string, UpstreamEntry>;
}

function secondsSince(started: number): number {
  return (performance.now() - started) / 1000;
}

/** The parts of a StepReport that come from the step table. */
function identity(step: PipelineStep): Pick<StepReport, 'number' | 'name' | 'data_type'> {
  return { number: step.number, name: step.name, data_type: step.dataType };
}

/**
 * Run one step through the cache: read its entry, or produce and save it. Prints the seed's lines,
 * records a StepReport, and turns a failure into a PipelineStepError naming the step.
 */
export async function executeStep<T>(
  definition: StepDefinition<T>,
  state: RunState,
  reporter: RunReporter,
  log: StepLog,
): Promise<T> {
  const { step } = definition;
  if (state.signal?.aborted) throw new PipelineAbortedError(step.number, step.name);
  const progress = (fraction: number, note?: string) => reporter.progress?.(step, fraction, note);
  const started = performance.now();
  let producer: string | undefined;
  try {
    const result = await state.cache.getOrCreate(
      step.dataType,
      state.parameters,
      async (context: ProduceContext) => {
        const recording: ProduceContext = {
          ...context,
          setProducer: (name) => {
            producer = name;
            context.setProducer(name);
          },
        };
        progress(0);
        const data = await definition.produce({ cache: recording, progress });
        progress(1);
        return data;
      },
      { inputs: definition.inputs, schema: definition.schema, upstream: upstreamOf(step, log) },
    );
    const seconds = secondsSince(started);
    reporter.line(stepHeader(step, formatSeconds(seconds)));
    for (const line of stepLines(definition, result, state.cache.directory)) reporter.line(line);
    if (state.explain) reporter.line(`   why: ${explanationText(result.explanation)}`);
    if (result.pinned_candidate) {
      reporter.line(
        `   ${result.file} is pinned: the new result was kept as candidate ${result.pinned_candidate} in its history.`,
      );
    }
    const digest = result.metadata?.data_sha256;
    if (digest) log.entries.set(step.dataType, { data_type: step.dataType, file: result.file, data_sha256: digest });
    if (result.source === 'hit') log.timeSavedMs += result.metadata?.produce_ms ?? 0;
    log.reports.push({
      ...identity(step),
      status: result.source === 'hit' ? 'hit' : (result.reason ?? 'miss'),
      seconds,
      producer: result.metadata?.producer ?? producer ?? null,
      file: result.file,
      reasons: [...result.reasons],
      explanation: result.explanation,
    });
    return result.data;
  } catch (error) {
    const seconds = secondsSince(started);
    reporter.line(stepHeader(step, `failed after ${formatSeconds(seconds)}`));
    log.reports.push({
      ...identity(step),
      status: 'failed',
      seconds,
      producer: producer ?? null,
      file: state.cache.fileName(step.dataType, state.parameters),
      reasons: [error instanceof Error ? error.message : String(error)],
      explanation: null,
    });
    if (state.signal?.aborted || error instanceof PipelineAbortedError)
      throw new PipelineAbortedError(step.number, step.name);
    throw new PipelineStepError(step.number, step.name, step.dataType, error);
  }
}

/** A step left out on purpose (`skipScroll`). */
export function skipStep(step: PipelineStep, why: string, reporter: RunReporter, log: StepLog): void {
  reporter.line(stepHeader(step, `skipped (${why})`));
  log.reports.push({
    ...identity(step),
    status: 'skipped',
    seconds: 0,
    producer: null,
    file: null,
    reasons: [why],
    explanation: null,
  });
}

/** The entries of the earlier steps this one uses, as far as they have been made. */
function upstreamOf(step: PipelineStep, log: StepLog): UpstreamEntry[] {
  return step.uses.flatMap((dataType) => {
    const entry = log.entries.get(dataType);
    return entry ? [entry] : [];
  });
}
