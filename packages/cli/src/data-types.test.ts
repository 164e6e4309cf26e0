import { describe, expect, it } from 'vitest';
import { describeDataTypes, resolveDataType } from './data-types.js';

const KNOWN = ['catalog', 'script_result', 'assets', 'narration_videos', 'final_video'];

describe('resolveDataType', () => {
  it.each([
    ['script_result', 'script_result'],
    ['scripts', 'script_result'],
    ['Script', 'script_result'],
    ['script-result', 'script_result'],
    ['assets', 'assets'],
    ['asset', 'assets'],
    ['narration-videos', 'narration_videos'],
    ['narration_video', 'narration_videos'],
    ['final-videos', 'final_video'],
  ])('reads %j as %s', (name, expected) => {
    expect(resolveDataType(name, KNOWN)).toBe(expected);
  });

  it('knows nothing it was not told', () => {
    expect(resolveDataType('posters', KNOWN)).toBeUndefined();
  });

  it('lists the accepted names with the friendly plural of *_result types', () => {
    expect(describeDataTypes(KNOWN)).toBe('catalog, script_result (or scripts), assets, narration_videos, final_video');
  });
});
