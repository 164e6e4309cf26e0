import type { BlobDescriber } from '@streamgank/cache';

const MEDIA = /^(?:image|video|audio)\//i;

/**
 * Media facts of a stored blob (duration, width x height, codecs) from the pipeline's ffprobe,
 * for `cache diff`, `cache review` and the dashboard. Blobs that are not media (JSON, text) get
 * none. The pipeline is loaded only when a media blob is described.
 */
export function mediaDescriber(env: NodeJS.ProcessEnv): BlobDescriber {
  return async (path, ref) => {
    if (!MEDIA.test(ref.media_type)) return {};
    const { describeMedia } = await import('./media-probe.js');
    return describeMedia(path, env);
  };
}
