import { FRAME, segmentOutputOptions } from '../media/encoding.js';
import { probeMedia, runFfmpeg, type FfmpegInput } from '../media/ffmpeg.js';
import { silence } from '../render/audio.js';
import type { RenderContext } from '../render/render-context.js';

/** Part of the assets fingerprint: bump it when how clips are cut changes. */
export const CLIP_VERSION = 'clip@1';
export const CLIP_SECONDS = 10;

/**
 * A 10-second 1080x1920 clip from a trailer: scaled to cover the portrait frame and cropped to
 * its centre, taken a fifth of the way in (past studio logos), looped if the trailer is shorter.
 */
export async function cutClip(
  context: RenderContext,
  trailer: string,
  output: string,
  onProgress?: (fraction: number) => void,
): Promise<void> {
  const probe = await probeMedia(trailer, context.tools);
  const length = probe.durationSeconds;
  const start = length > CLIP_SECONDS ? Math.min(length * 0.2, length - CLIP_SECONDS) : 0;
  const inputs: FfmpegInput[] = [
    { source: trailer, options: [...(length < CLIP_SECONDS ? ['-stream_loop', '-1'] : []), '-ss', start.toFixed(3)] },
  ];
  if (!probe.audio) inputs.push(silence(CLIP_SECONDS));
  const audio = probe.audio ? '[0:a]' : '[1:a]';
  await runFfmpeg({
    tools: context.tools,
    inputs,
    filterComplex:
      `[0:v]scale=${FRAME.width}:${FRAME.height}:force_original_aspect_ratio=increase:flags=bilinear,` +
      `crop=${FRAME.width}:${FRAME.height},setsar=1,fps=${FRAME.fps},format=yuv420p[v];` +
      `${audio}aresample=48000,aformat=channel_layouts=stereo,apad[a]`,
    outputOptions: segmentOutputOptions('[v]', '[a]', CLIP_SECONDS),
    output,
    durationSeconds: CLIP_SECONDS,
    ...(onProgress && { onProgress }),
    ...(context.signal && { signal: context.signal }),
  });
}
