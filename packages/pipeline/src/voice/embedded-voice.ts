import { InvalidSettingError } from '../errors.js';
import type { MediaTools } from '../media/binaries.js';
import type { EmbeddedVoiceSettings } from '../settings.js';
import { espeakVariants, espeakVersion, speakWithEspeak } from './espeak.js';
import { ESPEAK_WORDS_PER_MINUTE } from './voices.js';
import { measureSpeech } from './speech-audio.js';
import type { SpokenSentence, VoiceProvider } from './voice-provider.js';

async function checkVariant(variant: string | undefined): Promise<void> {
  if (variant === undefined) return;
  const known = await espeakVariants();
  if (!known.includes(variant)) {
    throw new InvalidSettingError(
      'STREAMGANK_VOICE',
      `"${variant}" is not an eSpeak NG voice; use one of ${known.sort().join(', ')}, or leave it unset.`,
    );
  }
}

/** The offline voice: eSpeak NG (WebAssembly) speaking `voice` (`fr-fr`, `de+f2`…). */
export function embeddedVoice(
  settings: EmbeddedVoiceSettings,
  voice: string,
  tools: MediaTools,
  signal?: AbortSignal,
): VoiceProvider {
  const producer = espeakVersion();
  let checked: Promise<void> | undefined;
  return {
    producer,
    async speak(sentence: string, stem: string): Promise<SpokenSentence> {
      checked ??= checkVariant(settings.variant);
      await checked;
      const path = `${stem}.wav`;
      await speakWithEspeak({
        voice,
        wordsPerMinute: ESPEAK_WORDS_PER_MINUTE,
        text: sentence,
        output: path,
        ...(signal && { signal }),
      });
      return { path, seconds: await measureSpeech(path, producer, tools) };
    },
  };
}
