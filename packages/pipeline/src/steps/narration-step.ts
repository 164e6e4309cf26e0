import { join } from 'node:path';
import * as z from 'zod/mini';
import { blobRefSchema } from '../blob-ref.js';
import { captionSchema } from '../captions/caption.js';
import { mapLimit } from '../concurrency.js';
import { digestOf } from '../digest.js';
import { languageInfo } from '../language/languages.js';
import { ENCODING_FINGERPRINT } from '../media/encoding.js';
import { MUSIC_BED_VOLUME, NARRATION_VERSION, renderNarration } from '../render/narration.js';
import { scriptTexts, type ScriptResult } from '../scripts/script-result.js';
import type { RunState } from '../runner/run-state.js';
import { makeVoiceTrack, VOICE_TRACK_VERSION } from '../voice/voice-track.js';
import { createVoice, voiceIdentity } from '../voice/voices.js';
import { RENDER_CONCURRENCY, RenderProgress } from './render-progress.js';
import { plural, type StepDefinition } from './step.js';
import { pipelineStep } from './step-table.js';

export const narrationDataSchema = z.looseObject({
  videos: z
    .array(
      z.object({
        movie_id: z.int(),
        title: z.string(),
        video: blobRefSchema,
        duration_seconds: z.number().check(z.positive()),
        voice: blobRefSchema,
        voice_seconds: z.number().check(z.positive()),
        captions: z.array(captionSchema).check(z.minLength(1)),
      }),
    )
    .check(z.minLength(1)),
  video_count: z.int().check(z.positive()),
  language: z.string(),
});
export type NarrationData = z.infer<typeof narrationDataSchema>;

/**
 * Step 4: one video per title: its script spoken by the voice (eSpeak NG, or OpenAI when set up),
 * each sentence captioned while it is spoken. The video lasts as long as the speech.
 */
export function narrationStep(state: RunState, scripts: ScriptResult): StepDefinition<NarrationData> {
  const { request, settings } = state;
  const texts = scriptTexts(scripts);
  const movies = scripts.raw_movies;
  const voice = voiceIdentity(settings.voice, request.language);
  return {
    step: pipelineStep('narration_videos'),
    schema: narrationDataSchema,
    inputs: {
      step: 'narration_videos@2',
      renderer: NARRATION_VERSION,
      encoding: ENCODING_FINGERPRINT,
      scripts: digestOf(movies.map((movie, index) => ({ id: movie.id, title: movie.title, text: texts[index] }))),
      num_movies: request.numMovies,
      voice,
      voice_track: VOICE_TRACK_VERSION,
      music_bed: settings.musicBed ? MUSIC_BED_VOLUME : 'none',
    },
    async produce(tools) {
      const media = state.media();
      const speaker = await createVoice(settings.voice, request.language, media.tools, tools.cache, state.signal);
      tools.cache.setProducer(`${speaker.producer}+ffmpeg`);
      const { locale } = languageInfo(request.language);
      const progress = new RenderProgress(movies.length, tools.progress);
      const videos = await mapLimit(movies, RENDER_CONCURRENCY, async (movie, rank) => {
        const note = `narration ${rank + 1}: ${movie.title}`;
        progress.update(rank, 0.02, note);
        const track = await makeVoiceTrack(
          speaker,
          texts[rank] ?? '',
          locale,
          media,
          join(media.workDir, `voice-${rank + 1}-${movie.id}`),
        );
        const voiceBlob = await tools.cache.putBlob(track.path, 'audio/wav');
        state.files.remember(voiceBlob, track.path);
        progress.update(rank, 0.3, note);
        const path = join(media.workDir, `narration-${rank + 1}-${movie.id}.mp4`);
        const seconds = await renderNarration(
          media,
          { movie, rank, platform: request.platform, voice: track, musicBed: settings.musicBed },
          path,
          (fraction) => progress.update(rank, 0.3 + 0.7 * fraction, note),
        );
        const video = await tools.cache.putBlob(path, 'video/mp4');
        state.files.remember(video, path);
        return {
          movie_id: movie.id,
          title: movie.title,
          video,
          duration_seconds: seconds,
          voice: voiceBlob,
          voice_seconds: track.seconds,
          captions: track.captions,
        };
      });
      return { videos, video_count: videos.length, language: request.language };
    },
    describe: (data, cached) =>
      `${cached ? 'Loaded' : 'Rendered'} ${plural(data.video_count, cached ? 'cached narration video' : 'narration video')} (${data.language}, ${plural(
        data.videos.reduce((sum, video) => sum + video.captions.length, 0),
        'caption',
      )})`,
  };
}
