import { writeFile } from 'node:fs/promises';
import type { ProduceContext } from '@streamgank/cache';
import type { MediaTools } from '../media/binaries.js';
import { describeOpenAiFailure, openAiClient } from '../openai/openai-client.js';
import type { OpenAiVoiceSettings } from '../settings.js';
import { measureSpeech } from './speech-audio.js';
import { speechCost } from './speech-pricing.js';
import type { SpokenSentence, VoiceProvider } from './voice-provider.js';

/**
 * OpenAI text-to-speech through the SDK's `audio.speech` (any compatible server at
 * OPENAI_BASE_URL), one request per sentence; characters, requests, seconds and cost go into the
 * entry's metadata.
 */
export function openAiVoice(
  settings: OpenAiVoiceSettings,
  producer: string,
  tools: MediaTools,
  usage: Pick<ProduceContext, 'addUsage'>,
  signal?: AbortSignal,
): VoiceProvider {
  let connecting: ReturnType<typeof openAiClient> | undefined;
  return {
    producer,
    async speak(sentence: string, stem: string): Promise<SpokenSentence> {
      connecting ??= openAiClient(settings);
      const { openai, client } = await connecting;
      let audio: Buffer;
      try {
        const response = await client.audio.speech.create(
          { model: settings.model, voice: settings.voice, input: sentence, response_format: 'wav' },
          { ...(signal && { signal }) },
        );
        audio = Buffer.from(await response.arrayBuffer());
      } catch (error) {
        throw describeOpenAiFailure(
          error,
          settings,
          openai,
          { name: settings.model, setting: 'STREAMGANK_OPENAI_TTS_MODEL' },
          signal,
        );
      }
      const path = `${stem}.wav`;
      await writeFile(path, audio);
      const seconds = await measureSpeech(path, producer, tools);
      usage.addUsage(
        { characters: sentence.length, requests: 1, audio_seconds: seconds },
        speechCost(settings.model, sentence.length, seconds, settings.pricePerMillionCharacters),
      );
      return { path, seconds };
    },
  };
}
