import { join } from 'node:path';
import * as z from 'zod/mini';
import { blobRefSchema } from '../blob-ref.js';
import { captionSchema, shiftCaptions, type Caption } from '../captions/caption.js';
import { toSrt } from '../captions/srt.js';
import { mapLimit } from '../concurrency.js';
import { digestOf } from '../digest.js';
import { ENCODING_FINGERPRINT } from '../media/encoding.js';
import { probeMedia } from '../media/ffmpeg.js';
import { ASSEMBLY_VERSION, concatenateSegments, renderPosterSegment } from '../render/assembly.js';
import type { RunState } from '../runner/run-state.js';
import type { CollectionData } from './collect-step.js';
import { RENDER_CONCURRENCY } from './render-progress.js';
import type { ScrollData } from './scroll-step.js';
import type { StepDefinition } from './step.js';
import { pipelineStep } from './step-table.js';

const partSchema = z.object({
  kind: z.enum(['scroll', 'narration', 'poster', 'clip']),
  movie_id: z.optional(z.int()),
  seconds: z.number().check(z.nonnegative()),
});

export const finalVideoDataSchema = z.looseObject({
  video: blobRefSchema,
  duration_seconds: z.number().check(z.positive()),
  parts: z.array(partSchema).check(z.minLength(1)),
  parts_seconds: z.number().check(z.positive()),
  width: z.int(),
  height: z.int(),
  video_codec: z.string(),
  audio_codec: z.string(),
  /** Every caption, in seconds from the start of the final video (what the .srt file holds). */
  captions: z.array(captionSchema),
  /** The captions as a SubRip file, written beside the video. */
  srt: z.string(),
});
export type FinalVideoData = z.infer<typeof finalVideoDataSchema>;
type Part = z.infer<typeof partSchema>;

/** Step 7: scroll, then per title its narration, poster and clip, joined into one MP4. */
export function finalStep(
  state: RunState,
  collection: CollectionData,
  scroll: ScrollData | undefined,
): StepDefinition<FinalVideoData> {
  return {
    step: pipelineStep('final_video'),
    schema: finalVideoDataSchema,
    inputs: {
      step: 'final_video@2',
      assembler: ASSEMBLY_VERSION,
      encoding: ENCODING_FINGERPRINT,
      timeline: digestOf(collection.timeline),
      scroll: scroll ? scroll.video.sha256 : 'skipped',
    },
    async produce(tools) {
      tools.cache.setProducer('ffmpeg');
      const media = state.media();
      tools.progress(0, 'poster segments');
      const posterSegments = await mapLimit(collection.timeline, RENDER_CONCURRENCY, async (entry, index) => {
        const path = join(media.workDir, `poster-segment-${index + 1}-${entry.movie_id}.mp4`);
        await renderPosterSegment(media, await state.files.path(entry.poster.blob), path);
        return path;
      });
      const segments: string[] = [];
      const parts: Part[] = [];
      const captions: Caption[] = [];
      let at = scroll ? scroll.duration_seconds : 0;
      if (scroll) {
        segments.push(await state.files.path(scroll.video));
        parts.push({ kind: 'scroll', seconds: scroll.duration_seconds });
      }
      for (const [index, entry] of collection.timeline.entries()) {
        segments.push(
          await state.files.path(entry.narration.blob),
          posterSegments[index] ?? '',
          await state.files.path(entry.clip.blob),
        );
        captions.push(...shiftCaptions(entry.captions, at));
        at += entry.narration.seconds + entry.poster.seconds + entry.clip.seconds;
        parts.push(
          { kind: 'narration', movie_id: entry.movie_id, seconds: entry.narration.seconds },
          { kind: 'poster', movie_id: entry.movie_id, seconds: entry.poster.seconds },
          { kind: 'clip', movie_id: entry.movie_id, seconds: entry.clip.seconds },
        );
      }
      const partsSeconds = parts.reduce((sum, part) => sum + part.seconds, 0);
      const output = join(media.workDir, 'final-video.mp4');
      await concatenateSegments(media, segments, output, partsSeconds, (fraction) =>
        tools.progress(0.3 + 0.7 * fraction, 'joining'),
      );
      const probe = await probeMedia(output, media.tools);
      const video = await tools.cache.putBlob(output, 'video/mp4');
      state.files.remember(video, output);
      return {
        video,
        duration_seconds: probe.durationSeconds,
        parts,
        parts_seconds: partsSeconds,
        width: probe.video?.width ?? 0,
        height: probe.video?.height ?? 0,
        video_codec: probe.video?.codec ?? '',
        audio_codec: probe.audio?.codec ?? '',
        captions,
        srt: await toSrt(captions),
      };
    },
    describe: (data, cached) =>
      `${cached ? 'Loaded the cached' : 'Assembled a'} ${data.duration_seconds.toFixed(1)} s ${data.width}x${data.height} video (${data.parts.length} parts)`,
  };
}
