import type { Caption } from '../captions/caption.js';
import { splitSentences } from '../captions/sentences.js';
import { probeMedia, runFfmpeg, type FfmpegInput } from '../media/ffmpeg.js';
import { silence } from '../render/audio.js';
import type { RenderContext } from '../render/render-context.js';
import type { VoiceProvider } from './voice-provider.js';

/** How a narration's sentences are laid out in time: a breath before, a pause between, a rest after. */
export const VOICE_TRACK = {
  sampleRate: 24_000,
  leadSeconds: 0.3,
  pauseSeconds: 0.45,
  tailSeconds: 0.6,
} as const;

/** Part of the narration fingerprint: bump it when the layout above or the track's format changes. */
export const VOICE_TRACK_VERSION = 'voice-track@1';

export interface VoiceTrack {
  /** A mono 16-bit WAV. */
  readonly path: string;
  /** Its length, from ffprobe. */
  readonly seconds: number;
  /** One per sentence, timed by the audio made for it. */
  readonly captions: Caption[];
}

/**
 * Speak `text` sentence by sentence and join the sentences with pauses into one track; each
 * caption starts and ends where its sentence's audio does.
 */
export async function makeVoiceTrack(
  voice: VoiceProvider,
  text: string,
  locale: string,
  context: RenderContext,
  stem: string,
): Promise<VoiceTrack> {
  const sentences = splitSentences(text, locale);
  const inputs: FfmpegInput[] = [silence(VOICE_TRACK.leadSeconds)];
  const captions: Caption[] = [];
  let at = VOICE_TRACK.leadSeconds;
  for (const [index, sentence] of sentences.entries()) {
    const spoken = await voice.speak(sentence, `${stem}-sentence-${index + 1}`);
    captions.push({ start: round(at), end: round(at + spoken.seconds), text: sentence });
    at += spoken.seconds;
    inputs.push({ source: spoken.path });
    const gap = index === sentences.length - 1 ? VOICE_TRACK.tailSeconds : VOICE_TRACK.pauseSeconds;
    inputs.push(silence(gap));
    at += gap;
  }
  const normalized = inputs.map(
    (_, index) =>
      `[${index}:a]aresample=${VOICE_TRACK.sampleRate},aformat=sample_fmts=s16:channel_layouts=mono[a${index}]`,
  );
  const joined = `${inputs.map((_, index) => `[a${index}]`).join('')}concat=n=${inputs.length}:v=0:a=1[voice]`;
  const path = `${stem}.wav`;
  await runFfmpeg({
    tools: context.tools,
    inputs,
    filterComplex: [...normalized, joined].join(';'),
    outputOptions: ['-map', '[voice]', '-c:a', 'pcm_s16le'],
    output: path,
    ...(context.signal && { signal: context.signal }),
  });
  const { durationSeconds } = await probeMedia(path, context.tools);
  return { path, seconds: durationSeconds, captions };
}

/** Milliseconds are as fine as captions (and SRT) go. */
function round(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}
