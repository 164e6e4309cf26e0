export { runPipeline } from './runner/run-pipeline.js';
export type { RunOptions, RunReporter, RunReport, RunParameters, StepReport, StepStatus } from './runner/run-types.js';
export {
  PIPELINE_STEPS,
  STEP_DATA_TYPES,
  STEP_NAMES,
  TOTAL_STEPS,
  type PipelineStep,
  type StepDataType,
  type StepInfo,
  type StepWording,
} from './steps/step-table.js';
export { catalogChoices, type CatalogChoices } from './catalog/choices.js';
export { CONTENT_TYPES, type ContentType } from './catalog/content-types.js';
export { MAX_MOVIES } from './catalog/resolve-request.js';
export { LANGUAGE_CODES, type Language } from './language/languages.js';
export { describeMedia, type MediaFacts } from './media/describe.js';
export {
  PIPELINE_ERROR_CODES,
  type PipelineErrorCode,
  PipelineError,
  PipelineInputError,
  UnknownCountryError,
  UnknownGenreError,
  UnknownPlatformError,
  UnknownContentTypeError,
  UnknownLanguageError,
  InvalidMovieCountError,
  NotEnoughTitlesError,
  PipelineStepError,
  PipelineAbortedError,
  ScriptFormatError,
  ProviderRequestError,
  InvalidSettingError,
  MediaToolError,
  VoiceEngineError,
  VoiceFormatError,
} from './errors.js';
