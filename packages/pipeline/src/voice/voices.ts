import type { ProduceContext } from '@streamgank/cache';
import type { Language } from '../catalog/countries.js';
import type { MediaTools } from '../media/binaries.js';
import type { EmbeddedVoiceSettings, VoiceSettings } from '../settings.js';
import { espeakVersion } from './espeak.js';
import type { VoiceProvider } from './voice-provider.js';

/** eSpeak NG's voice for each language. */
const ESPEAK_VOICES: Readonly<Record<Language, string>> = { en: 'en-us', fr: 'fr-fr', de: 'de' };

/** A calm narration pace (eSpeak NG's default, 175, sounds hurried in a recommendation). */
export const ESPEAK_WORDS_PER_MINUTE = 160;

/** The eSpeak NG voice: the language's, with the configured variant (`fr-fr+m3`). */
export function espeakVoice(settings: EmbeddedVoiceSettings, language: Language): string {
  return settings.variant ? `${ESPEAK_VOICES[language]}+${settings.variant}` : ESPEAK_VOICES[language];
}

function engineOf(settings: VoiceSettings): string {
  return settings.provider === 'openai' ? `openai:${settings.model}` : espeakVersion();
}

/**
 * Everything that changes how a narration sounds: provider, engine or model, voice, pace and
 * language. It goes into the narration step's fingerprint; it never holds a key.
 */
export function voiceIdentity(settings: VoiceSettings, language: Language): Record<string, string | number> {
  const voice: Record<string, string | number> =
    settings.provider === 'openai'
      ? { voice: settings.voice }
      : { voice: espeakVoice(settings, language), words_per_minute: ESPEAK_WORDS_PER_MINUTE };
  return { provider: settings.provider, engine: engineOf(settings), ...voice, language };
}

/** The voice the settings choose, ready to speak in `language`; its code loads only now, when a narration is made. */
export async function createVoice(
  settings: VoiceSettings,
  language: Language,
  tools: MediaTools,
  usage: Pick<ProduceContext, 'addUsage'>,
  signal?: AbortSignal,
): Promise<VoiceProvider> {
  if (settings.provider === 'openai') {
    const { openAiVoice } = await import('./openai-voice.js');
    return openAiVoice(settings, engineOf(settings), tools, usage, signal);
  }
  const { embeddedVoice } = await import('./embedded-voice.js');
  return embeddedVoice(settings, espeakVoice(settings, language), tools, signal);
}
