import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '@streamgank/testing';
import { describe, expect, it } from 'vitest';
import { createCache, explanationText, silentLogger, type Cache } from '../index.js';

const at = (genre: string, country = 'US') => ({ country, genre, platform: 'Netflix' });
const open = (): Cache => createCache({ dir: tempDir(), env: {}, logger: silentLogger });

describe('every getOrCreate explains itself', () => {
  it('a hit says where it came from', async () => {
    const cache = open();
    await cache.getOrCreate('script_result', at('Horror'), () => ({ a: 1 }));
    const hit = await cache.getOrCreate('script_result', at('Horror'), () => ({ a: 2 }));
    expect(hit.explanation).toMatchObject({
      kind: 'hit',
      tier: 'local',
      file: 'script_result_us_horror_netflix.json',
      edited: false,
    });
  });

  it('a stale entry names each changed input with its old and new value', async () => {
    const cache = open();
    await cache.getOrCreate('script_result', at('Horror'), () => ({ n: 3 }), {
      inputs: { num_movies: 3, model: 'm1' },
    });
    const again = await cache.getOrCreate('script_result', at('Horror'), () => ({ n: 2 }), {
      inputs: { num_movies: 2, model: 'm1' },
    });
    expect(again.explanation).toMatchObject({
      kind: 'stale',
      file: 'script_result_us_horror_netflix.json',
      changes: [{ input: 'num_movies', before: 3, after: 2, text: 'num_movies: 3 → 2' }],
      upstream: [],
    });
    expect(explanationText(again.explanation)).toContain('num_movies: 3 → 2');
  });

  it('shortens long values around where they differ, digests to 12 hex digits, lists of another length to their length', async () => {
    const cache = open();
    const prompt = (ending: string) => `Write three short scripts about the films below, ${ending}`;
    const digest = (hex: string) => `sha256:${hex.repeat(64)}`;
    await cache.getOrCreate('script_result', at('Horror'), () => ({}), {
      inputs: {
        prompt: prompt('in English.'),
        movies: digest('a'),
        cast: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'],
        trailers: ['t1', 't2', 't3'],
        upstream: 'c'.repeat(64),
      },
    });
    const again = await cache.getOrCreate('script_result', at('Horror'), () => ({}), {
      inputs: {
        prompt: prompt('in French.'),
        movies: digest('b'),
        cast: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'j'],
        trailers: ['t1', 't2'],
        upstream: 'd'.repeat(64),
      },
    });
    const texts = again.explanation.kind === 'stale' ? again.explanation.changes.map((change) => change.text) : [];
    expect(texts).toEqual([
      'cast.8: "i" → "j"',
      `movies: "sha256:aaaaaaaaaaaa" → "sha256:bbbbbbbbbbbb"`,
      'prompt: "…s below, in English." → "…s below, in French."',
      'trailers: 3 items → 2 items',
      'upstream: "cccccccccccc" → "dddddddddddd"',
    ]);
  });

  it('a chained step names the upstream entry that changed, by name and short digest', async () => {
    const cache = open();
    const scripts = await cache.getOrCreate('script_result', at('Horror'), () => ({ text: 'first' }));
    const upstream = (result: typeof scripts) => [
      { data_type: 'script_result', file: result.file, data_sha256: result.metadata?.data_sha256 as string },
    ];
    await cache.getOrCreate('narration_videos', at('Horror'), () => ({ v: 1 }), { upstream: upstream(scripts) });
    const rewritten = await cache.getOrCreate('script_result', at('Horror'), () => ({ text: 'second' }), {
      mode: 'refresh',
    });
    const narration = await cache.getOrCreate('narration_videos', at('Horror'), () => ({ v: 2 }), {
      upstream: upstream(rewritten),
    });
    expect(narration.explanation).toMatchObject({
      kind: 'stale',
      changes: [],
      upstream: [
        {
          data_type: 'script_result',
          file: 'script_result_us_horror_netflix.json',
          before: (scripts.metadata?.data_sha256 as string).slice(0, 12),
          after: (rewritten.metadata?.data_sha256 as string).slice(0, 12),
        },
      ],
    });
    expect(explanationText(narration.explanation)).toMatch(
      /upstream script_result_us_horror_netflix\.json changed \(sha256:[0-9a-f]{12} → sha256:[0-9a-f]{12}\)/,
    );
    expect(cache.why('narration_videos_us_horror_netflix.json').upstream).toMatchObject([
      { file: 'script_result_us_horror_netflix.json', present: true },
    ]);
    expect(cache.why('script_result_us_horror_netflix.json').dependents).toEqual([
      'narration_videos_us_horror_netflix.json',
    ]);
  });

  it('a missing entry lists the nearest ones: the same type elsewhere, and kept versions with other inputs', async () => {
    const cache = open();
    await cache.getOrCreate('script_result', at('Comedy'), () => ({ a: 1 }));
    await cache.getOrCreate('script_result', at('Horror', 'FR'), () => ({ a: 1 }));
    await cache.getOrCreate('assets', at('Horror'), () => ({ a: 1 }));
    const missing = await cache.getOrCreate('script_result', at('Horror'), () => ({ a: 2 }));
    expect(missing.explanation).toMatchObject({
      kind: 'no_entry',
      file: 'script_result_us_horror_netflix.json',
      same_type: expect.arrayContaining([
        expect.objectContaining({ file: 'script_result_us_comedy_netflix.json', differs: ['genre'] }),
        expect.objectContaining({ file: 'script_result_fr_horror_netflix.json', differs: ['country'] }),
      ]),
    });
    expect(missing.explanation.kind === 'no_entry' && missing.explanation.same_type).toHaveLength(2);
  });

  it('a corrupt entry says why and where it went; refresh and off say so', async () => {
    const cache = open();
    await cache.getOrCreate('script_result', at('Horror'), () => ({ a: 1 }));
    writeFileSync(join(cache.directory, 'script_result_us_horror_netflix.json'), '{"data": ');
    const produced = await cache.getOrCreate('script_result', at('Horror'), () => ({ a: 2 }));
    expect(produced.explanation).toMatchObject({ kind: 'corrupt', reason: expect.stringMatching(/^not_json/) });
    const moved = produced.explanation.kind === 'corrupt' ? produced.explanation.quarantined_to : undefined;
    expect(readdirSync(join(cache.directory, '.quarantine'))).toContain(moved?.split('/').pop());
    expect(
      (await cache.getOrCreate('script_result', at('Horror'), () => ({}), { mode: 'refresh' })).explanation,
    ).toEqual({ kind: 'refresh' });
    expect((await cache.getOrCreate('script_result', at('Horror'), () => ({}), { mode: 'off' })).explanation).toEqual({
      kind: 'off',
    });
  });
});
