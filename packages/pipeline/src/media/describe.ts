import { resolveMediaTools } from './binaries.js';
import { probeMedia } from './ffmpeg.js';

/** What ffprobe tells a person about an image, a clip or a sound, in the cache's snake_case. */
export interface MediaFacts {
  /** Absent for a still image, which has no length. */
  readonly duration_seconds?: number;
  readonly width?: number;
  readonly height?: number;
  /** The video codec first, then the audio one (`['h264', 'aac']`, `['png']`). */
  readonly codecs: readonly string[];
}

/**
 * The media facts of a file, from ffprobe (FFPROBE_PATH, else on PATH, else the bundled one, as
 * a run finds it). Throws MediaToolError when ffprobe is missing or cannot read the file.
 */
export async function describeMedia(path: string, env: NodeJS.ProcessEnv = process.env): Promise<MediaFacts> {
  const probe = await probeMedia(path, resolveMediaTools(env));
  const codecs = [probe.video?.codec, probe.audio?.codec].filter((codec): codec is string => Boolean(codec));
  return {
    ...(Number.isFinite(probe.durationSeconds) &&
      probe.durationSeconds > 0 && { duration_seconds: probe.durationSeconds }),
    ...(probe.video && probe.video.width > 0 && { width: probe.video.width, height: probe.video.height }),
    codecs,
  };
}
