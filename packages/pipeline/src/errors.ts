import type { ErrorCategory } from '@streamgank/cache';
import { TOTAL_STEPS } from './steps/step-table.js';

/** Every code a PipelineError carries, with its category: stable, for scripts (`--json`) and the CLI's exit codes. */
export const PIPELINE_ERROR_CODES = Object.freeze({
  UNKNOWN_COUNTRY: 'usage',
  UNKNOWN_GENRE: 'usage',
  UNKNOWN_PLATFORM: 'usage',
  UNKNOWN_CONTENT_TYPE: 'usage',
  UNKNOWN_LANGUAGE: 'usage',
  INVALID_MOVIE_COUNT: 'usage',
  NOT_ENOUGH_TITLES: 'usage',
  INVALID_SETTING: 'usage',
  STEP_FAILED: 'failure',
  SCRIPT_FORMAT: 'failure',
  PROVIDER_REQUEST: 'failure',
  MEDIA_TOOL: 'failure',
  VOICE_ENGINE: 'failure',
  VOICE_FORMAT: 'failure',
  ABORTED: 'interrupted',
} as const satisfies Readonly<Record<string, ErrorCategory>>);

export type PipelineErrorCode = keyof typeof PIPELINE_ERROR_CODES;

/** Every error the pipeline throws on purpose; each subclass names its code once, as its static `code`. */
export class PipelineError extends Error {
  readonly code: PipelineErrorCode;

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    this.code = (new.target as unknown as { readonly code: PipelineErrorCode }).code;
  }
}

/** A run was asked for something the catalog cannot give; `available` lists what it can. */
export class PipelineInputError extends PipelineError {
  constructor(
    message: string,
    readonly available: readonly string[],
  ) {
    super(message);
  }
}

function listed(values: readonly string[]): string {
  return values.length > 0 ? values.join(', ') : '(none)';
}

export class UnknownCountryError extends PipelineInputError {
  static readonly code = 'UNKNOWN_COUNTRY' satisfies PipelineErrorCode;

  constructor(
    readonly country: string,
    available: readonly string[],
  ) {
    super(
      `Unknown country "${country}". Available countries: ${listed(available)}. Pass one of them with --country.`,
      available,
    );
  }
}

export class UnknownGenreError extends PipelineInputError {
  static readonly code = 'UNKNOWN_GENRE' satisfies PipelineErrorCode;

  constructor(
    readonly genre: string,
    readonly country: string,
    available: readonly string[],
  ) {
    super(
      `Unknown genre "${genre}" for ${country}. Available genres: ${listed(available)}. ` +
        'Pass one of them with --genre (English names work in every country).',
      available,
    );
  }
}

export class UnknownPlatformError extends PipelineInputError {
  static readonly code = 'UNKNOWN_PLATFORM' satisfies PipelineErrorCode;

  constructor(
    readonly platform: string,
    readonly country: string,
    available: readonly string[],
  ) {
    super(
      `Unknown platform "${platform}" in ${country}. Available platforms: ${listed(available)}. Pass one of them with --platform.`,
      available,
    );
  }
}

export class UnknownContentTypeError extends PipelineInputError {
  static readonly code = 'UNKNOWN_CONTENT_TYPE' satisfies PipelineErrorCode;

  constructor(
    readonly contentType: string,
    available: readonly string[],
  ) {
    super(
      `Unknown content type "${contentType}". Available content types: ${listed(available)} ` +
        '("TV Show" also means Série). Pass one of them with --content-type.',
      available,
    );
  }
}

/** A language the scripts, voice and captions cannot be written in; `available` lists the codes that work. */
export class UnknownLanguageError extends PipelineInputError {
  static readonly code = 'UNKNOWN_LANGUAGE' satisfies PipelineErrorCode;

  constructor(
    readonly language: string,
    available: readonly string[],
  ) {
    super(
      `Unknown language "${language}". Supported languages: ${listed(available)} (English, French, German). ` +
        'Pass one of them with --language or STREAMGANK_LANGUAGE, or leave it out to follow the country.',
      available,
    );
  }
}

/** The number of movies asked for is not a whole number from 1 to the maximum. */
export class InvalidMovieCountError extends PipelineInputError {
  static readonly code = 'INVALID_MOVIE_COUNT' satisfies PipelineErrorCode;

  constructor(
    readonly requested: unknown,
    readonly maximum: number,
  ) {
    super(
      `The number of movies must be a whole number from 1 to ${maximum}, not ${String(requested)}. Pass it with --num-movies.`,
      [],
    );
  }
}

/**
 * Fewer titles match than were asked for. `available` lists the platforms of the same country
 * that do have enough titles for this genre and content type, as "Platform (count)".
 */
export class NotEnoughTitlesError extends PipelineInputError {
  static readonly code = 'NOT_ENOUGH_TITLES' satisfies PipelineErrorCode;

  constructor(
    readonly description: string,
    readonly found: number,
    readonly requested: number,
    available: readonly string[],
  ) {
    const fewer = found > 0 ? ` Ask for fewer with --num-movies ${found},` : '';
    super(
      `Only ${found} title${found === 1 ? '' : 's'} match ${description} (${requested} asked).${fewer}` +
        ` or choose a platform with enough: ${listed(available)}.`,
      available,
    );
  }
}

/** A step failed; the steps before it are cached, so running again resumes at this step. */
export class PipelineStepError extends PipelineError {
  static readonly code = 'STEP_FAILED' satisfies PipelineErrorCode;

  constructor(
    readonly step: number,
    readonly stepName: string,
    readonly dataType: string,
    override readonly cause: unknown,
  ) {
    const why = cause instanceof Error ? cause.message : String(cause);
    const done = step > 2 ? `Steps 1-${step - 1} are` : 'Step 1 is';
    const resume =
      step > 1 ? ` ${done} cached; running again resumes at step ${step}.` : ' Nothing was cached for this run.';
    super(`Step ${step}/${TOTAL_STEPS} (${stepName}) failed: ${why}${resume}`, { cause });
  }
}

/** The run was cancelled through its AbortSignal; nothing half-made was kept. */
export class PipelineAbortedError extends PipelineError {
  static readonly code = 'ABORTED' satisfies PipelineErrorCode;

  constructor(
    readonly step: number | undefined,
    readonly stepName: string | undefined,
  ) {
    super(
      stepName
        ? `The run was cancelled during step ${step}/${TOTAL_STEPS} (${stepName}); finished steps stay cached.`
        : 'The run was cancelled.',
    );
    this.name = 'AbortError';
  }
}

/** A script provider answered with something that is not the scripts it was asked for. */
export class ScriptFormatError extends PipelineError {
  static readonly code = 'SCRIPT_FORMAT' satisfies PipelineErrorCode;

  constructor(
    readonly provider: string,
    detail: string,
  ) {
    super(
      `${provider} returned scripts in an unexpected shape (${detail}); nothing was cached. ` +
        'Run again, or set STREAMGANK_SCRIPT_PROVIDER=embedded to use the local writer.',
    );
  }
}

/** A remote provider (OpenAI, Cloudinary) could not be reached or refused the request. */
export class ProviderRequestError extends PipelineError {
  static readonly code = 'PROVIDER_REQUEST' satisfies PipelineErrorCode;

  constructor(
    readonly provider: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** A setting from the environment cannot be used as it is. */
export class InvalidSettingError extends PipelineError {
  static readonly code = 'INVALID_SETTING' satisfies PipelineErrorCode;

  constructor(
    readonly setting: string,
    message: string,
  ) {
    super(`${setting}: ${message}`);
  }
}

/** FFmpeg or ffprobe could not be found or failed. */
export class MediaToolError extends PipelineError {
  static readonly code = 'MEDIA_TOOL' satisfies PipelineErrorCode;

  constructor(
    message: string,
    readonly stderrTail = '',
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** The embedded speech engine (eSpeak NG) could not speak a sentence. */
export class VoiceEngineError extends PipelineError {
  static readonly code = 'VOICE_ENGINE' satisfies PipelineErrorCode;

  constructor(message: string, options?: ErrorOptions) {
    super(
      `${message} Check STREAMGANK_VOICE (an eSpeak NG variant such as m3 or f2, or unset it), or run again.`,
      options,
    );
  }
}

/** A voice provider answered with something that is not audio a narration can use. */
export class VoiceFormatError extends PipelineError {
  static readonly code = 'VOICE_FORMAT' satisfies PipelineErrorCode;

  constructor(
    readonly provider: string,
    detail: string,
    options?: ErrorOptions,
  ) {
    super(
      `${provider} returned speech that is not usable audio (${detail}); nothing was cached. ` +
        'Run again, or set STREAMGANK_VOICE_PROVIDER=embedded to use the local voice.',
      options,
    );
  }
}
