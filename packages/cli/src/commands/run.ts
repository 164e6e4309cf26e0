import { parseCacheMode, type CacheMode } from '@streamgank/cache';
import { runPipeline, type RunReport } from '@streamgank/pipeline';
import type { Command } from 'commander';
import { commandContext, openCache, type CommandContext } from '../command-context.js';
import { InterruptedError } from '../errors.js';
import { formatDuration } from '../format.js';
import { validateSettings } from '../settings.js';
import { commandLine } from '../shell-quote.js';
import { abortOnSignals } from './interrupt.js';
import { refreshModes } from './refresh.js';
import { RunProgress } from './run-progress.js';

interface RunFlags {
  readonly country: string;
  readonly genre: string;
  readonly platform: string;
  readonly contentType?: string;
  readonly numMovies?: number;
  readonly language?: string;
  readonly voice?: string;
  readonly out?: string;
  readonly cacheMode?: string;
  readonly refresh?: string[];
  readonly skipScroll?: boolean;
  readonly explain?: boolean;
}

export default async function runVideo(flags: RunFlags, command: Command): Promise<void> {
  const context = commandContext(command);
  validateSettings(context.config);
  const refresh = refreshModes(flags.refresh);
  const mode: CacheMode | undefined =
    refresh.mode ?? (flags.cacheMode === undefined ? undefined : parseCacheMode(flags.cacheMode, '--cache-mode'));
  const cache = openCache(context, {
    ...(mode && { mode }),
    modes: refresh.modes,
    fillHint: () => `Fill it with: ${fillCommand(flags, command)}`,
  });
  const controller = new AbortController();
  const progress = new RunProgress(context.output);
  const removeHandlers = abortOnSignals(controller, context.output);
  try {
    const report = await runPipeline({
      country: flags.country,
      genre: flags.genre,
      platform: flags.platform,
      ...(flags.contentType !== undefined && { contentType: flags.contentType }),
      ...(flags.numMovies !== undefined && { numMovies: flags.numMovies }),
      ...(flags.language !== undefined && { language: flags.language }),
      ...(flags.voice !== undefined && { voice: flags.voice }),
      ...(flags.out !== undefined && { outDir: flags.out }),
      ...(flags.skipScroll && { skipScroll: true }),
      ...(flags.explain && { explain: true }),
      cache,
      env: context.config.env,
      signal: controller.signal,
      reporter: {
        line: (text) => progress.line(text),
        progress: (step, fraction, note) => progress.progress(step, fraction, note),
      },
    });
    progress.finish();
    printReport(context, report);
  } catch (error) {
    progress.finish();
    if (controller.signal.aborted) throw new InterruptedError();
    throw error;
  } finally {
    removeHandlers();
    await cache.close();
  }
}

/** The command that fills a readonly miss: this run, in the default mode. */
function fillCommand(flags: RunFlags, command: Command): string {
  const globals = command.optsWithGlobals<{ cacheDir?: string }>();
  return commandLine([
    'streamgank',
    ...(globals.cacheDir !== undefined ? ['--cache-dir', globals.cacheDir] : []),
    'run',
    '--country',
    flags.country,
    '--genre',
    flags.genre,
    '--platform',
    flags.platform,
    ...(flags.contentType !== undefined ? ['--content-type', flags.contentType] : []),
    ...(flags.numMovies !== undefined ? ['--num-movies', String(flags.numMovies)] : []),
    ...(flags.language !== undefined ? ['--language', flags.language] : []),
    ...(flags.voice !== undefined ? ['--voice', flags.voice] : []),
    ...(flags.skipScroll ? ['--skip-scroll'] : []),
  ]);
}

function printReport(context: CommandContext, report: RunReport): void {
  const { output } = context;
  if (output.json) return output.document(report);
  const cached = report.steps.filter((step) => step.status === 'hit').length;
  output.result('');
  output.result(`Video: ${report.video_path}`);
  output.result(`Captions: ${report.captions_path}`);
  output.result(`Run report: ${report.run_json_path}`);
  output.result(
    `Done in ${formatDuration(report.total_seconds * 1000)}; the cache saved ${formatDuration(report.time_saved_ms)} ` +
      `(${cached} of ${report.steps.length} steps from the cache).`,
  );
}
