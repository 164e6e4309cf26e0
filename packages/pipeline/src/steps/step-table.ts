/** Which step is reporting, for progress bars. */
export interface StepInfo {
  readonly number: number;
  readonly total: number;
  readonly name: string;
  readonly dataType: string;
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

/** One row of the step table: what a step is called, the cache entry it fills and how the runner words it. */
export interface PipelineStep extends StepInfo {
  readonly dataType: StepDataType;
  readonly wording: StepWording;
  /**
   * The earlier steps whose entries this step's result is made from: its cache entry records them
   * as its lineage, and a change in one of them is what a stale read names.
   */
  readonly uses: readonly StepDataType[];
}

/** The seven steps in the order they run; a step's number is its place here. */
const ROWS = [
  {
    name: 'Catalog Query',
    dataType: 'catalog',
    uses: [],
    wording: { cachedNoun: 'catalog data', missNoun: 'data', action: 'querying the catalog' },
  },
  {
    name: 'Script Generation',
    dataType: 'script_result',
    uses: ['catalog'],
    wording: { cachedNoun: 'script data', missNoun: 'data', action: 'generating new scripts' },
  },
  {
    name: 'Asset Preparation',
    dataType: 'assets',
    uses: ['catalog'],
    wording: { cachedNoun: 'asset data', missNoun: 'assets', action: 'generating new assets' },
  },
  {
    name: 'Narration Videos',
    dataType: 'narration_videos',
    uses: ['script_result'],
    wording: { cachedNoun: 'narration videos', missNoun: 'narration videos', action: 'rendering narration videos' },
  },
  {
    name: 'Collect Narration Videos',
    dataType: 'narration_collection',
    uses: ['narration_videos', 'assets'],
    wording: { cachedNoun: 'narration timeline', missNoun: 'timeline', action: 'collecting narration videos' },
  },
  {
    name: 'Scroll Overlay',
    dataType: 'scroll_overlay',
    uses: ['assets'],
    wording: { cachedNoun: 'scroll overlay', missNoun: 'scroll overlay', action: 'rendering the scroll overlay' },
  },
  {
    name: 'Final Assembly',
    dataType: 'final_video',
    uses: ['narration_collection', 'scroll_overlay'],
    wording: { cachedNoun: 'final video', missNoun: 'final video', action: 'assembling the final video' },
  },
] as const;

/** The data type of a step's cache entry, which also names the step in the table. */
export type StepDataType = (typeof ROWS)[number]['dataType'];

/** The steps, in order, with their numbers: the one place each step's name, data type and wording is written. */
export const PIPELINE_STEPS: readonly PipelineStep[] = Object.freeze(
  ROWS.map((row, index) => Object.freeze({ number: index + 1, total: ROWS.length, ...row })),
);

export const TOTAL_STEPS = PIPELINE_STEPS.length;

export const STEP_NAMES: readonly string[] = Object.freeze(PIPELINE_STEPS.map((step) => step.name));

/** The data type of each step's cache entry, in step order. */
export const STEP_DATA_TYPES: readonly StepDataType[] = Object.freeze(PIPELINE_STEPS.map((step) => step.dataType));

const BY_DATA_TYPE = new Map(PIPELINE_STEPS.map((step) => [step.dataType, step]));

/** The table's row for the step that fills `dataType` entries. */
export function pipelineStep(dataType: StepDataType): PipelineStep {
  return BY_DATA_TYPE.get(dataType) as PipelineStep;
}
