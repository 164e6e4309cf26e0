import { errorTableProblems, tempDir } from '@streamgank/testing';
import { describe, expect, it } from 'vitest';
import * as bundles from './bundles.js';
import * as api from './index.js';

describe("the cache's error codes", () => {
  it('are one frozen table that every error class of both entry points takes its code from', () => {
    expect(Object.isFrozen(api.CACHE_ERROR_CODES)).toBe(true);
    // A SharedStore implementation throws these to the cache, which turns them into warnings; they never reach a caller.
    const storeErrors = [api.SharedStoreError, api.SharedSourceError, api.SharedValueError];
    expect(errorTableProblems({ ...api, ...bundles }, api.CacheError, api.CACHE_ERROR_CODES, storeErrors)).toEqual([]);
  });

  it('puts the code of its class on every error the cache throws', () => {
    const cache = api.createCache({ dir: tempDir(), logger: api.silentLogger, env: {} });
    expect(() => api.parseSize('lots')).toThrow(
      expect.objectContaining({ name: 'InvalidQuantityError', code: 'INVALID_QUANTITY' }),
    );
    expect(() => cache.fileName('Not A Type', { country: 'US', genre: 'Horror', platform: 'Netflix' })).toThrow(
      expect.objectContaining({ code: api.InvalidDataTypeError.code }),
    );
    expect(api.CACHE_ERROR_CODES[api.InvalidQuantityError.code]).toBe('usage');
    expect(api.CACHE_ERROR_CODES[api.CacheMissError.code]).toBe('miss');
  });
});
