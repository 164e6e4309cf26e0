import type { GetOrCreateResult } from '@streamgank/cache';
import type { StepDefinition } from '../steps/step.js';
import type { PipelineStep } from '../steps/step-table.js';

const INDENT = '   ';

/** `[STEP 2/7] Script Generation - 0.1 seconds`, or `- failed after …`, `- skipped (…)`. */
export function stepHeader(step: PipelineStep, outcome: string): string {
  return `[STEP ${step.number}/${step.total}] ${step.name} - ${outcome}`;
}

export function formatSeconds(value: number): string {
  return `${value.toFixed(1)} seconds`;
}

function whyProduced(step: PipelineStep, result: GetOrCreateResult<unknown>, cacheDir: string): string {
  const { cachedNoun, missNoun, action } = step.wording;
  const reasons = result.reasons.join('; ');
  switch (result.reason) {
    case 'stale':
      return `🔄 Cached ${cachedNoun} in ${cacheDir} is stale (${reasons}), ${action}...`;
    case 'corrupt':
      return `🔄 Cached ${cachedNoun} in ${cacheDir} could not be used (${reasons}), ${action}...`;
    case 'refresh':
      return `🔄 Refreshing ${cachedNoun} (cache mode refresh), ${action}...`;
    case 'off':
      return `🔄 Cache is off, ${action}...`;
    default:
      return `🔄 No cached ${missNoun} found, ${action}...`;
  }
}

/** The seed's lines for one finished step: where its data came from and where it went. */
export function stepLines<T>(definition: StepDefinition<T>, result: GetOrCreateResult<T>, cacheDir: string): string[] {
  const { step } = definition;
  if (result.source === 'hit') {
    return [
      `${INDENT}📂 Using cached ${step.wording.cachedNoun} from ${cacheDir}...`,
      `${INDENT}📋 ${definition.describe(result.data, true)}`,
    ];
  }
  const lines = [
    `${INDENT}${whyProduced(step, result, cacheDir)}`,
    `${INDENT}📋 ${definition.describe(result.data, false)}`,
  ];
  if (result.saved) lines.push(`${INDENT}💾 Saved ${step.dataType} test data to: ${result.path}`);
  else if (result.mode === 'off') lines.push(`${INDENT}(not saved: the cache mode is off)`);
  else lines.push(`${INDENT}(not saved: the cache could not be written)`);
  return lines;
}
