import { digestOf } from '../digest.js';
import { EMBEDDED_WRITER_VERSION, writeEmbeddedScripts } from '../scripts/embedded-writer.js';
import { scriptResultSchema, toScriptResult, type ScriptResult } from '../scripts/script-result.js';
import type { ScriptRequest } from '../scripts/script-request.js';
import type { RunState } from '../runner/run-state.js';
import type { CatalogData } from './catalog-step.js';
import { plural, type StepDefinition } from './step.js';
import { pipelineStep } from './step-table.js';

/** Step 2: narration scripts in the seed's `script_result` shape, from the local writer or OpenAI. */
export function scriptsStep(state: RunState, catalog: CatalogData): StepDefinition<ScriptResult> {
  const { request, settings } = state;
  const scripts = settings.scripts;
  const scriptRequest: ScriptRequest = {
    movies: catalog.movies,
    genreId: request.genre.id,
    genreName: request.genre.names[request.language],
    platform: request.platform.name,
    country: request.country.code,
    contentType: request.contentType,
    language: request.language,
  };
  return {
    step: pipelineStep('script_result'),
    schema: scriptResultSchema,
    inputs: {
      step: 'script_result@1',
      provider: scripts.provider,
      model: scripts.provider === 'openai' ? scripts.model : EMBEDDED_WRITER_VERSION,
      prompt_version: scripts.provider === 'openai' ? scripts.promptVersion : undefined,
      language: request.language,
      movies: digestOf(catalog.movies),
      content_type: request.contentType,
      num_movies: request.numMovies,
    },
    async produce({ cache, progress }) {
      progress(0, scripts.provider === 'openai' ? `asking ${scripts.model}` : 'writing');
      let producer = `embedded:${EMBEDDED_WRITER_VERSION}`;
      let written;
      if (scripts.provider === 'openai') {
        const { writeOpenAiScripts } = await import('../scripts/openai-writer.js');
        written = await writeOpenAiScripts(scriptRequest, scripts, cache, state.signal);
        producer = `openai:${scripts.model}`;
      } else {
        written = await writeEmbeddedScripts(scriptRequest);
        cache.setProducer(producer);
      }
      progress(1);
      return toScriptResult(
        written,
        catalog.movies,
        {
          ...state.parameters,
          contentType: request.contentType,
          numMovies: request.numMovies,
          producer,
        },
        Date.now(),
      );
    },
    describe: (data, cached) =>
      cached ? `Loaded ${plural(data.script_count, 'cached script')}` : `Wrote ${plural(data.script_count, 'script')}`,
  };
}
