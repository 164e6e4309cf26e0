import { join } from 'node:path';
import { z } from 'zod';
import { blobRefSchema } from '../blob-ref.js';
import { mapLimit } from '../concurrency.js';
import { digestOf } from '../digest.js';
import { ENCODING_FINGERPRINT } from '../media/encoding.js';
import { NARRATION_VERSION, renderNarration } from '../render/narration.js';
import { scriptTexts, type ScriptResult } from '../scripts/script-result.js';
import type { RunState } from '../runner/run-state.js';
import { RENDER_CONCURRENCY, RenderProgress } from './render-progress.js';
import { plural, type StepDefinition } from './step.js';
import { pipelineStep } from './step-table.js';

export const narrationDataSchema = z.looseObject({
  videos: z
    .array(
      z.object({
        movie_id: z.number().int(),
        title: z.string(),
        video: blobRefSchema,
        duration_seconds: z.number().positive(),
      }),
    )
    .min(1),
  video_count: z.number().int().positive(),
});
export type NarrationData = z.infer<typeof narrationDataSchema>;

/** Step 4: one video per title showing its script line, timed to its length. */
export function narrationStep(state: RunState, scripts: ScriptResult): StepDefinition<NarrationData> {
  const { request } = state;
  const texts = scriptTexts(scripts);
  const movies = scripts.raw_movies;
  return {
    step: pipelineStep('narration_videos'),
    schema: narrationDataSchema,
    inputs: {
      step: 'narration_videos@1',
      renderer: NARRATION_VERSION,
      encoding: ENCODING_FINGERPRINT,
      scripts: digestOf(movies.map((movie, index) => ({ id: movie.id, title: movie.title, text: texts[index] }))),
      num_movies: request.numMovies,
    },
    async produce(tools) {
      tools.cache.setProducer('ffmpeg');
      const media = state.media();
      const progress = new RenderProgress(movies.length, tools.progress);
      const videos = await mapLimit(movies, RENDER_CONCURRENCY, async (movie, rank) => {
        const path = join(media.workDir, `narration-${rank + 1}-${movie.id}.mp4`);
        const seconds = await renderNarration(
          media,
          { movie, rank, text: texts[rank] ?? '', platform: request.platform },
          path,
          (fraction) => progress.update(rank, fraction, `narration ${rank + 1}: ${movie.title}`),
        );
        const video = await tools.cache.putBlob(path, 'video/mp4');
        state.files.remember(video, path);
        return { movie_id: movie.id, title: movie.title, video, duration_seconds: seconds };
      });
      return { videos, video_count: videos.length };
    },
    describe: (data, cached) =>
      `${cached ? 'Loaded' : 'Rendered'} ${plural(data.video_count, cached ? 'cached narration video' : 'narration video')}`,
  };
}
