import { probeMedia } from '../media/ffmpeg.js';
import type { MediaTools } from '../media/binaries.js';
import { VoiceFormatError } from '../errors.js';

/**
 * How long a spoken sentence lasts, from ffprobe; a file with no audio stream or no length is not
 * speech, and `producer` is named in the typed error.
 */
export async function measureSpeech(path: string, producer: string, tools: MediaTools): Promise<number> {
  let probe;
  try {
    probe = await probeMedia(path, tools);
  } catch (error) {
    throw new VoiceFormatError(producer, 'ffprobe cannot read it as audio', { cause: error });
  }
  if (!probe.audio) throw new VoiceFormatError(producer, 'it holds no audio stream');
  if (!(probe.durationSeconds > 0.05)) throw new VoiceFormatError(producer, `it lasts ${probe.durationSeconds} s`);
  return probe.durationSeconds;
}
