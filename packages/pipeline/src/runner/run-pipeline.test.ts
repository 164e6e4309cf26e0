import { copyFileSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCache, silentLogger } from '@streamgank/cache';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import {
  MediaToolError,
  NotEnoughTitlesError,
  PipelineInputError,
  PipelineStepError,
  runPipeline,
  ScriptFormatError,
  PIPELINE_STEPS,
  STEP_DATA_TYPES,
  STEP_NAMES,
  TOTAL_STEPS,
  UnknownGenreError,
  UnknownLanguageError,
  type RunOptions,
} from '../index.js';
import {
  completion,
  scriptsCompletion,
  startOpenAiServer,
  type OpenAiTestServer,
} from '../test-support/openai-server.js';
import { recordingReporter, tempDirs } from '../test-support/temp-dirs.js';

const dirs = tempDirs('streamgank-pipeline');
afterAll(() => dirs.cleanup());

let server: OpenAiTestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const FIXTURES = fileURLToPath(new URL('../../test-fixtures/legacy-python/', import.meta.url));
const API_KEY = 'sk-test-local-only-key';
/** Steps 3 to 7 need FFmpeg: pointing at a file that is not one makes step 3 fail at once. */
const NO_FFMPEG = { FFMPEG_PATH: '/nonexistent/ffmpeg', PATH: '' };

function setup(env: NodeJS.ProcessEnv = {}) {
  const cacheDir = dirs.make();
  const outDir = dirs.make();
  const cache = createCache({ dir: cacheDir, logger: silentLogger, env: {} });
  const options = (more: Partial<RunOptions> = {}): RunOptions => ({
    country: 'US',
    genre: 'Horror',
    platform: 'Netflix',
    cache,
    outDir,
    env,
    ...more,
  });
  return { cacheDir, outDir, cache, options };
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the run to fail');
}

describe('runPipeline: inputs', () => {
  it('refuses a request the catalog cannot serve before doing any work', async () => {
    const { cacheDir, options } = setup(NO_FFMPEG);
    const unknown = await failure(runPipeline(options({ genre: 'Telenovela' })));
    expect(unknown).toBeInstanceOf(UnknownGenreError);
    expect(unknown).toBeInstanceOf(PipelineInputError);
    const tooMany = await failure(runPipeline(options({ genre: 'Western', platform: 'Apple TV+' })));
    expect(tooMany).toBeInstanceOf(NotEnoughTitlesError);
    const klingon = await failure(runPipeline(options({ language: 'tlh' })));
    expect(klingon).toBeInstanceOf(UnknownLanguageError);
    expect((klingon as UnknownLanguageError).available).toEqual(['en', 'fr', 'de']);
    const fromEnv = await failure(runPipeline(options({ env: { ...NO_FFMPEG, STREAMGANK_LANGUAGE: 'latin' } })));
    expect(fromEnv).toBeInstanceOf(UnknownLanguageError);
    expect(readdirSync(cacheDir)).toEqual([]);
  });

  it('exports one step table, numbered in order, that the other step exports derive from', () => {
    expect(PIPELINE_STEPS.map((step) => [step.number, step.total, step.name, step.dataType])).toEqual([
      [1, 7, 'Catalog Query', 'catalog'],
      [2, 7, 'Script Generation', 'script_result'],
      [3, 7, 'Asset Preparation', 'assets'],
      [4, 7, 'Narration Videos', 'narration_videos'],
      [5, 7, 'Collect Narration Videos', 'narration_collection'],
      [6, 7, 'Scroll Overlay', 'scroll_overlay'],
      [7, 7, 'Final Assembly', 'final_video'],
    ]);
    expect(TOTAL_STEPS).toBe(PIPELINE_STEPS.length);
    expect(STEP_NAMES).toEqual(PIPELINE_STEPS.map((step) => step.name));
    expect(STEP_DATA_TYPES).toEqual(PIPELINE_STEPS.map((step) => step.dataType));
    expect(Object.isFrozen(PIPELINE_STEPS) && PIPELINE_STEPS.every(Object.isFrozen)).toBe(true);
  });
});

describe('runPipeline: a failing step', () => {
  it('keeps the steps before it cached and names the step and why', async () => {
    const { cache, cacheDir, options } = setup(NO_FFMPEG);
    const { lines, reporter } = recordingReporter();
    const error = await failure(runPipeline(options({ reporter })));
    expect(error).toBeInstanceOf(PipelineStepError);
    const stepError = error as PipelineStepError;
    expect(stepError.step).toBe(3);
    expect(stepError.stepName).toBe('Asset Preparation');
    expect(stepError.cause).toBeInstanceOf(MediaToolError);
    expect(stepError.message).toMatch(/Step 3\/7 \(Asset Preparation\) failed: FFMPEG_PATH .*Steps 1-2 are cached/);

    expect(lines).toContain('   🔄 No cached data found, querying the catalog...');
    expect(lines).toContain(`   💾 Saved catalog test data to: ${join(cacheDir, 'catalog_us_horror_netflix.json')}`);
    expect(lines).toContain('   🔄 No cached data found, generating new scripts...');
    expect(lines).toContain(
      `   💾 Saved script_result test data to: ${join(cacheDir, 'script_result_us_horror_netflix.json')}`,
    );
    expect(
      lines.filter((line) => /^\[STEP [12]\/7\] (Catalog Query|Script Generation) - \d+\.\d seconds$/.test(line)),
    ).toHaveLength(2);
    expect(lines).toContainEqual(
      expect.stringMatching(/^\[STEP 3\/7\] Asset Preparation - failed after \d+\.\d seconds$/),
    );
    expect(
      cache
        .list()
        .files.map((file) => file.data_type)
        .sort(),
    ).toEqual(['catalog', 'script_result']);

    const again = recordingReporter();
    await failure(runPipeline(options({ reporter: again.reporter })));
    expect(again.lines).toContain(`   📂 Using cached catalog data from ${cacheDir}...`);
    expect(again.lines).toContain(`   📂 Using cached script data from ${cacheDir}...`);
    expect(again.lines).toContain('   📋 Loaded 3 cached scripts');
  });

  it('caches nothing for a step whose provider answers nonsense', async () => {
    server = await startOpenAiServer((chat) => completion(chat, 'Sure! Here are your scripts: ...'));
    const { cache, options } = setup({ ...NO_FFMPEG, OPENAI_API_KEY: API_KEY, OPENAI_BASE_URL: server.baseURL });
    const error = await failure(runPipeline(options()));
    expect(error).toBeInstanceOf(PipelineStepError);
    expect((error as PipelineStepError).step).toBe(2);
    expect((error as PipelineStepError).cause).toBeInstanceOf(ScriptFormatError);
    expect((error as Error).message).toMatch(
      /Step 2\/7 \(Script Generation\) failed: openai:gpt-4o-mini returned scripts in an unexpected shape/,
    );
    expect(cache.list().files.map((file) => file.data_type)).toEqual(['catalog']);
  });

  it('records OpenAI as the producer with its tokens and cost, and never stores the key', async () => {
    server = await startOpenAiServer((chat) => scriptsCompletion(chat));
    const { cache, cacheDir, options } = setup({
      ...NO_FFMPEG,
      OPENAI_API_KEY: API_KEY,
      OPENAI_BASE_URL: server.baseURL,
    });
    await failure(runPipeline(options()));
    const entry = cache.inspect('script_result_us_horror_netflix.json');
    expect(entry?.metadata).toMatchObject({
      producer: 'openai:gpt-4o-mini',
      usage: { prompt_tokens: 420, completion_tokens: 180, requests: 1 },
      inputs: { provider: 'openai', model: 'gpt-4o-mini', prompt_version: 'v2', language: 'en' },
    });
    expect(entry?.metadata?.cost_usd).toBeCloseTo((420 * 0.15 + 180 * 0.6) / 1e6, 12);
    for (const file of readdirSync(cacheDir).filter((name) => name.endsWith('.json'))) {
      expect(readFileSync(join(cacheDir, file), 'utf8')).not.toContain(API_KEY);
    }
  });

  it("does not serve the Python version's entries, which record no inputs", async () => {
    const { cache, cacheDir, options } = setup(NO_FFMPEG);
    copyFileSync(
      join(FIXTURES, 'script_result_fr_horreur_netflix.json'),
      join(cacheDir, 'script_result_fr_horreur_netflix.json'),
    );
    const { lines, reporter } = recordingReporter();
    await failure(runPipeline(options({ country: 'FR', genre: 'horreur', reporter })));
    expect(lines).toContainEqual(
      expect.stringMatching(/🔄 Cached script data in .* is stale \(legacy entry .*\), generating new scripts\.\.\./),
    );
    const entry = cache.inspect('script_result_fr_horreur_netflix.json');
    expect(entry?.metadata?.producer).toBe('embedded:embedded-writer@2');
    expect(existsSync(join(cacheDir, 'script_result_fr_horreur_netflix.json'))).toBe(true);
  });
});
