import * as z from 'zod/mini';
import { blobRefSchema } from '../blob-ref.js';
import { captionSchema } from '../captions/caption.js';
import { FRAME } from '../media/encoding.js';
import { probeMedia, type MediaProbe } from '../media/ffmpeg.js';
import { MediaToolError } from '../errors.js';
import { POSTER_SECONDS } from '../render/assembly.js';
import type { RunState } from '../runner/run-state.js';
import type { AssetsData } from './assets-step.js';
import type { NarrationData } from './narration-step.js';
import { plural, type StepDefinition } from './step.js';
import { pipelineStep } from './step-table.js';

const timedBlob = z.object({ blob: blobRefSchema, seconds: z.number().check(z.nonnegative()) });

export const collectionDataSchema = z.looseObject({
  timeline: z
    .array(
      z.object({
        movie_id: z.int(),
        title: z.string(),
        narration: timedBlob,
        poster: timedBlob,
        clip: timedBlob,
        /** The narration's captions, in seconds from the start of the narration. */
        captions: z.array(captionSchema),
      }),
    )
    .check(z.minLength(1)),
  seconds: z.number().check(z.positive()),
});
export type CollectionData = z.infer<typeof collectionDataSchema>;

function checkSegment(what: string, probe: MediaProbe): void {
  const { video, audio } = probe;
  if (
    !video ||
    video.codec !== 'h264' ||
    video.width !== FRAME.width ||
    video.height !== FRAME.height ||
    !audio ||
    audio.codec !== 'aac'
  ) {
    throw new MediaToolError(
      `${what} is not a ${FRAME.width}x${FRAME.height} H.264/AAC video (found ${video ? `${video.codec} ${video.width}x${video.height}` : 'no video'}, ` +
        `${audio ? audio.codec : 'no audio'}); refresh the step that made it.`,
    );
  }
}

/**
 * Step 5: gather each title's narration video with its poster and clip, check that they can be
 * joined, and measure them: the timeline the final assembly follows.
 */
export function collectStep(
  state: RunState,
  narration: NarrationData,
  assets: AssetsData,
): StepDefinition<CollectionData> {
  return {
    step: pipelineStep('narration_collection'),
    schema: collectionDataSchema,
    inputs: {
      step: 'narration_collection@2',
      narration: narration.videos.map((video) => video.video.sha256),
      posters: assets.items.map((item) => item.poster.sha256),
      clips: assets.items.map((item) => item.clip.sha256),
      poster_seconds: POSTER_SECONDS,
    },
    async produce(tools) {
      tools.cache.setProducer('ffprobe');
      const { tools: media } = state.media();
      const timeline = [];
      for (const [index, video] of narration.videos.entries()) {
        const item = assets.items.find((candidate) => candidate.movie_id === video.movie_id);
        if (!item)
          throw new MediaToolError(`the assets hold no poster and clip for "${video.title}"; refresh the assets step.`);
        const narrationProbe = await probeMedia(await state.files.path(video.video), media);
        const clipProbe = await probeMedia(await state.files.path(item.clip), media);
        checkSegment(`The narration video for "${video.title}"`, narrationProbe);
        checkSegment(`The clip for "${video.title}"`, clipProbe);
        timeline.push({
          movie_id: video.movie_id,
          title: video.title,
          narration: { blob: video.video, seconds: narrationProbe.durationSeconds },
          poster: { blob: item.poster, seconds: POSTER_SECONDS },
          clip: { blob: item.clip, seconds: clipProbe.durationSeconds },
          captions: video.captions,
        });
        tools.progress((index + 1) / narration.videos.length, video.title);
      }
      const seconds = timeline.reduce(
        (sum, entry) => sum + entry.narration.seconds + entry.poster.seconds + entry.clip.seconds,
        0,
      );
      return { timeline, seconds };
    },
    describe: (data, cached) =>
      `${cached ? 'Loaded the cached timeline of' : 'Collected'} ${plural(data.timeline.length, 'narration video')} (${data.seconds.toFixed(1)} s with posters and clips)`,
  };
}
