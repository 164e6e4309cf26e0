import { join, resolve } from 'node:path';
import { embeddedCatalog } from '../catalog/catalog-data.js';
import { genresIn } from '../catalog/choices.js';
import { resolveRequest } from '../catalog/resolve-request.js';
import { selectMovies } from '../catalog/select-titles.js';
import { PipelineAbortedError } from '../errors.js';
import { resolveMediaTools } from '../media/binaries.js';
import { packagedFonts } from '../media/fonts.js';
import type { RenderContext } from '../render/render-context.js';
import { readSettings } from '../settings.js';
import { assetsStep } from '../steps/assets-step.js';
import { catalogStep } from '../steps/catalog-step.js';
import { collectStep } from '../steps/collect-step.js';
import { finalStep } from '../steps/final-step.js';
import { narrationStep } from '../steps/narration-step.js';
import { scrollStep } from '../steps/scroll-step.js';
import { scriptsStep } from '../steps/scripts-step.js';
import { pipelineStep } from '../steps/step-table.js';
import { BlobFiles } from './blob-files.js';
import { executeStep, skipStep, type StepLog } from './execute-step.js';
import { placeVideo } from './place-video.js';
import {
  defaultOutDir,
  previousPlacement,
  runSlug,
  writeCaptionsFile,
  writeRunJson,
  writeScriptFiles,
} from './run-files.js';
import type { RunState } from './run-state.js';
import type { RunOptions, RunParameters, RunReport, RunReporter } from './run-types.js';
import { WorkDir } from './work-dir.js';

const silentReporter: RunReporter = { line: () => {} };

/**
 * Make one video: seven steps, each read from the cache or produced and saved. A second run with
 * the same options takes every step from the cache and restores the same MP4.
 *
 * Throws a PipelineInputError (before any work) for a request the catalog cannot serve, a
 * PipelineStepError naming the step that failed (the steps before it stay cached), or a
 * PipelineAbortedError when `signal` is aborted.
 */
export async function runPipeline(options: RunOptions): Promise<RunReport> {
  const started = performance.now();
  const reporter = options.reporter ?? silentReporter;
  const settings = readSettings(options.env ?? process.env, { voice: options.voice });
  const catalog = embeddedCatalog();
  const request = resolveRequest({ ...options, language: options.language ?? settings.language }, (country) =>
    genresIn(catalog, country.code),
  );
  const selected = selectMovies(catalog, request);
  const parameters = { country: request.country.code, genre: request.genreName, platform: request.platform.name };
  const slug = runSlug(options.cache, parameters);
  const outDir = resolve(options.outDir ?? defaultOutDir(slug));
  const workDir = new WorkDir();
  let media: RenderContext | undefined;
  const state: RunState = {
    request,
    parameters,
    settings,
    cache: options.cache,
    catalog,
    selected,
    files: new BlobFiles(options.cache, () => workDir.path),
    signal: options.signal,
    explain: options.explain === true,
    media: () => {
      media ??= {
        tools: resolveMediaTools(settings.env),
        fonts: packagedFonts(),
        workDir: workDir.path,
        ...(options.signal && { signal: options.signal }),
      };
      return media;
    },
  };
  const log: StepLog = { reports: [], timeSavedMs: 0, entries: new Map() };
  const run = <T>(step: Parameters<typeof executeStep<T>>[0]) => executeStep(step, state, reporter, log);
  try {
    const movies = await run(catalogStep(state));
    const scripts = await run(scriptsStep(state, movies));
    const assets = await run(assetsStep(state, movies));
    const narration = await run(narrationStep(state, scripts));
    const collection = await run(collectStep(state, narration, assets));
    let scroll;
    if (options.skipScroll) skipStep(pipelineStep('scroll_overlay'), 'skip scroll', reporter, log);
    else scroll = await run(scrollStep(state, assets));
    const final = await run(finalStep(state, collection, scroll));

    if (options.signal?.aborted) throw new PipelineAbortedError(undefined, undefined);
    const videoPath = join(outDir, `${slug}.mp4`);
    const captionsPath = join(outDir, `${slug}.srt`);
    const runJsonPath = join(outDir, 'run.json');
    const placed = await placeVideo(
      options.cache,
      final.video,
      videoPath,
      state.files.madeHere(final.video),
      previousPlacement(runJsonPath),
    );
    writeCaptionsFile(captionsPath, final.srt);
    writeScriptFiles(outDir, scripts);
    const runParameters: RunParameters = {
      ...parameters,
      content_type: request.contentType,
      num_movies: request.numMovies,
      skip_scroll: options.skipScroll === true,
      language: request.language,
    };
    const report: RunReport = {
      video_path: videoPath,
      captions_path: captionsPath,
      run_json_path: runJsonPath,
      out_dir: outDir,
      steps: log.reports,
      time_saved_ms: Math.round(log.timeSavedMs),
      total_seconds: (performance.now() - started) / 1000,
      parameters: runParameters,
      video: { sha256: final.video.sha256, bytes: final.video.bytes, duration_seconds: final.duration_seconds },
    };
    writeRunJson(runJsonPath, {
      ...report,
      video_file: placed,
      cache_dir: options.cache.directory,
      finished_at: new Date().toISOString(),
    });
    return report;
  } finally {
    workDir.remove();
  }
}
