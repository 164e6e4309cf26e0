import { join } from 'node:path';
import * as z from 'zod/mini';
import { blobRefSchema } from '../blob-ref.js';
import { ENCODING_FINGERPRINT } from '../media/encoding.js';
import { genreColor } from '../media/palette.js';
import { renderScroll, SCROLL_VERSION } from '../render/scroll.js';
import type { RunState } from '../runner/run-state.js';
import type { AssetsData } from './assets-step.js';
import { plural, type StepDefinition } from './step.js';
import { pipelineStep } from './step-table.js';

export const scrollDataSchema = z.looseObject({
  video: blobRefSchema,
  duration_seconds: z.number().check(z.positive()),
  poster_count: z.int().check(z.positive()),
});
export type ScrollData = z.infer<typeof scrollDataSchema>;

/** Step 6: a short scroll over the posters, opening the video. */
export function scrollStep(state: RunState, assets: AssetsData): StepDefinition<ScrollData> {
  return {
    step: pipelineStep('scroll_overlay'),
    schema: scrollDataSchema,
    inputs: {
      step: 'scroll_overlay@1',
      renderer: SCROLL_VERSION,
      encoding: ENCODING_FINGERPRINT,
      posters: assets.items.map((item) => item.poster.sha256),
    },
    async produce(tools) {
      tools.cache.setProducer('ffmpeg');
      const media = state.media();
      const posters = await Promise.all(assets.items.map((item) => state.files.path(item.poster)));
      const path = join(media.workDir, 'scroll-overlay.mp4');
      const seconds = await renderScroll(media, posters, genreColor(state.request.genre.id), path, (fraction) =>
        tools.progress(fraction),
      );
      const video = await tools.cache.putBlob(path, 'video/mp4');
      state.files.remember(video, path);
      return { video, duration_seconds: seconds, poster_count: posters.length };
    },
    describe: (data, cached) =>
      `${cached ? 'Loaded the cached' : 'Rendered a'} ${data.duration_seconds.toFixed(1)} s scroll over ${plural(data.poster_count, 'poster')}`,
  };
}
