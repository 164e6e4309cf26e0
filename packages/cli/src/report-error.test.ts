import { CacheMissError, InvalidModeError } from '@streamgank/cache';
import { PipelineAbortedError, PipelineStepError, UnknownGenreError } from '@streamgank/pipeline';
import { describe, expect, it } from 'vitest';
import { FailureError, InterruptedError, UsageError } from './errors.js';
import { EXIT_CODE_BY_CATEGORY, ExitCode } from './exit-codes.js';
import { ERROR_CODE_TABLES, reportError } from './report-error.js';

function withCode(code: string, message = `failed with ${code}`): Error {
  return Object.assign(new Error(message), { code });
}

describe('reportError', () => {
  it('reads the code tables of the packages, which never give one code two categories', () => {
    expect(Object.keys(ERROR_CODE_TABLES).sort()).toEqual(['cache', 'cli', 'dashboard', 'pipeline']);
    const categories = new Map<string, Set<string>>();
    for (const table of Object.values(ERROR_CODE_TABLES))
      for (const [code, category] of Object.entries(table))
        categories.set(code, (categories.get(code) ?? new Set()).add(category));
    expect(categories.size).toBeGreaterThan(20);
    expect([...categories].filter(([, found]) => found.size > 1)).toEqual([]);
  });

  it('gives every code in the tables the exit status of its category', () => {
    for (const table of Object.values(ERROR_CODE_TABLES)) {
      for (const [code, category] of Object.entries(table)) {
        expect(reportError(withCode(code)), code).toEqual({
          exitCode: EXIT_CODE_BY_CATEGORY[category],
          message: `failed with ${code}`,
        });
      }
    }
  });

  it('lets the first cause with a telling category decide: a readonly miss inside a failed step is exit 3', () => {
    const miss = new CacheMissError('catalog', { country: 'US' }, 'catalog_us.json', 'no entry', 'Fill it with: x');
    const report = reportError(new PipelineStepError(1, 'Catalog Query', 'catalog', miss));
    expect(report).toEqual({ exitCode: ExitCode.cacheMiss, message: miss.message });
  });

  it('maps the typed errors of each package by their codes', () => {
    expect(reportError(new UnknownGenreError('Telenovela', 'US', ['Horror'])).exitCode).toBe(ExitCode.usage);
    expect(reportError(new InvalidModeError('sometimes', '--cache-mode')).exitCode).toBe(ExitCode.usage);
    expect(reportError(new PipelineAbortedError(3, 'Asset Preparation')).exitCode).toBe(ExitCode.interrupted);
    expect(reportError(new UsageError('bad')).exitCode).toBe(ExitCode.usage);
    expect(reportError(new FailureError('no such entry')).exitCode).toBe(ExitCode.failure);
    expect(reportError(new InterruptedError())).toEqual({
      exitCode: ExitCode.interrupted,
      message: 'Interrupted; what was already cached is kept.',
    });
  });

  it('calls anything without a known code a failure, whatever its name, in one line', () => {
    const abort = Object.assign(new Error('The operation was aborted'), { name: 'AbortError' });
    expect(reportError(abort)).toEqual({ exitCode: ExitCode.failure, message: 'The operation was aborted' });
    expect(reportError(withCode('ENOENT', 'no such file\n  or directory'))).toEqual({
      exitCode: ExitCode.failure,
      message: 'no such file or directory',
    });
    expect(reportError('a string')).toEqual({ exitCode: ExitCode.failure, message: 'a string' });
  });
});
