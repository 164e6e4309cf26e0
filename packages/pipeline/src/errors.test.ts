import { errorTableProblems } from '@streamgank/testing';
import { describe, expect, it } from 'vitest';
import * as errors from './errors.js';
import * as api from './index.js';

describe("the pipeline's error codes", () => {
  it('are one frozen table that every exported error class takes its code from', () => {
    expect(Object.isFrozen(api.PIPELINE_ERROR_CODES)).toBe(true);
    expect(errorTableProblems(api, api.PipelineError, api.PIPELINE_ERROR_CODES)).toEqual([]);
  });

  it('live in the errors module that @streamgank/pipeline/errors exports, the same classes as the main entry point', () => {
    expect(errors.PIPELINE_ERROR_CODES).toBe(api.PIPELINE_ERROR_CODES);
    expect(errors.UnknownGenreError).toBe(api.UnknownGenreError);
  });

  it('puts the code of its class on every error the pipeline throws', () => {
    const error = new api.UnknownGenreError('Telenovela', 'US', ['Horror']);
    expect(error).toMatchObject({ code: 'UNKNOWN_GENRE', name: 'UnknownGenreError' });
    expect(api.PIPELINE_ERROR_CODES[error.code]).toBe('usage');
    expect(new api.PipelineAbortedError(3, 'Asset Preparation')).toMatchObject({ code: 'ABORTED', name: 'AbortError' });
    expect(api.PIPELINE_ERROR_CODES[api.PipelineAbortedError.code]).toBe('interrupted');
  });
});
