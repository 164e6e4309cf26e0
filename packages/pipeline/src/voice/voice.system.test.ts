import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { PipelineAbortedError, ProviderRequestError, VoiceFormatError } from '../errors.js';
import { resolveMediaTools } from '../media/binaries.js';
import { packagedFonts } from '../media/fonts.js';
import type { RenderContext } from '../render/render-context.js';
import { readSettings, type OpenAiVoiceSettings } from '../settings.js';
import { rateLimited, spokenAudio, startOpenAiServer, type OpenAiTestServer } from '../test-support/openai-server.js';
import { audioStats, ffprobe, toneFile } from '../test-support/probe.js';
import { tempDirs } from '../test-support/temp-dirs.js';
import { makeVoiceTrack } from './voice-track.js';
import { createVoice } from './voices.js';

const dirs = tempDirs('streamgank-voice');
afterAll(() => dirs.cleanup());

let server: OpenAiTestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function context(): RenderContext {
  return { tools: resolveMediaTools(process.env), fonts: packagedFonts(), workDir: dirs.make() };
}

const noUsage = { addUsage: () => {} };

const SCRIPTS = {
  en: 'Here are the three scariest films on Netflix. Train to Busan holds a 7.6 on IMDb. You will sleep with the lights on.',
  fr: 'Voici les trois films qui font le plus frissonner. Ça obtient 7,3 sur IMDb. Vous dormirez avec la lumière allumée.',
  de: 'Hier sind die drei gruseligsten Filme. Es hat eine Wertung von 7,3. Danach schläfst du nur noch mit Licht.',
} as const;
const LOCALES = { en: 'en-US', fr: 'fr-FR', de: 'de-DE' } as const;

describe('the embedded voice (eSpeak NG, WebAssembly)', () => {
  for (const language of ['en', 'fr', 'de'] as const) {
    it(`speaks ${language} with the pauses and loudness of speech, one caption per sentence`, async () => {
      const media = context();
      const voice = await createVoice({ provider: 'embedded', variant: undefined }, language, media.tools, noUsage);
      expect(voice.producer).toMatch(/^espeak-ng@/);
      const track = await makeVoiceTrack(voice, SCRIPTS[language], LOCALES[language], media, join(media.workDir, 'v'));
      const probe = await ffprobe(track.path);
      expect(probe.streams[0]).toMatchObject({ codec_type: 'audio', codec_name: 'pcm_s16le', sample_rate: '24000' });
      expect(probe.duration).toBeCloseTo(track.seconds, 2);
      expect(track.captions.map((caption) => caption.text)).toHaveLength(3);
      expect(track.captions.map((caption) => caption.text).join(' ')).toBe(SCRIPTS[language]);
      for (const [index, caption] of track.captions.entries()) {
        expect(caption.end).toBeGreaterThan(caption.start + 0.5);
        if (index > 0) expect(caption.start).toBeGreaterThan(track.captions[index - 1]?.end ?? Infinity);
      }
      expect(track.captions.at(-1)?.end).toBeLessThan(track.seconds);

      const stats = await audioStats(track.path);
      // A quiet stretch between each pair of sentences, where the captions say one ends and the next begins.
      for (const [index, caption] of track.captions.slice(1).entries()) {
        const previous = track.captions[index];
        const gap = stats.silences.find(
          (silence) => silence.start < caption.start && silence.end > (previous?.end ?? 0),
        );
        expect(gap, `a pause before "${caption.text}"`).toBeDefined();
      }
      expect(stats.meanVolumeDb).toBeGreaterThan(-35);
      expect(stats.maxVolumeDb).toBeGreaterThan(-10);
      expect(stats.maxVolumeDb).toBeLessThanOrEqual(0);
    });
  }

  it('tells speech from a steady tone, which has no pauses', async () => {
    const path = join(dirs.make(), 'tone.wav');
    await toneFile(path, 5);
    const stats = await audioStats(path);
    expect(stats.silences).toEqual([]);
    expect(stats.meanVolumeDb).toBeGreaterThan(-25);
  });

  it('refuses a voice eSpeak NG does not have, listing the ones it has', async () => {
    const media = context();
    const voice = await createVoice({ provider: 'embedded', variant: 'no-such-voice' }, 'en', media.tools, noUsage);
    await expect(voice.speak('Hello.', join(media.workDir, 'x'))).rejects.toThrow(
      /STREAMGANK_VOICE: "no-such-voice" is not an eSpeak NG voice; use one of .*\bm3\b/,
    );
  });
});

describe('the OpenAI voice (real SDK, local server returning real audio)', () => {
  const usageRecorder = () => {
    const record = { usage: {} as Record<string, number>, cost: 0 };
    return {
      record,
      usage: {
        addUsage: (usage: Readonly<Record<string, number>>, cost?: number) => {
          for (const [name, value] of Object.entries(usage)) record.usage[name] = (record.usage[name] ?? 0) + value;
          record.cost += cost ?? 0;
        },
      },
    };
  };
  const settingsFor = (baseURL: string, more: Record<string, string> = {}): OpenAiVoiceSettings => {
    const voice = readSettings({ OPENAI_API_KEY: 'sk-test-local', OPENAI_BASE_URL: baseURL, ...more }).voice;
    if (voice.provider !== 'openai') throw new Error('expected the OpenAI voice');
    return voice;
  };

  it('speaks each sentence with the configured model and voice, recording characters, seconds and cost', async () => {
    const work = dirs.make();
    server = await startOpenAiServer(
      () => ({ status: 500, body: {} }),
      (request) => spokenAudio(request, work),
    );
    const media = context();
    const { record, usage } = usageRecorder();
    const voice = await createVoice(
      settingsFor(server.baseURL, { STREAMGANK_OPENAI_TTS_MODEL: 'tts-1', STREAMGANK_VOICE: 'nova' }),
      'en',
      media.tools,
      usage,
    );
    expect(voice.producer).toBe('openai:tts-1');
    const track = await makeVoiceTrack(voice, SCRIPTS.en, 'en-US', media, join(media.workDir, 'v'));
    expect(server.speechRequests.map((request) => request.input)).toEqual(
      track.captions.map((caption) => caption.text),
    );
    expect(server.speechRequests[0]).toMatchObject({
      model: 'tts-1',
      voice: 'nova',
      response_format: 'wav',
      authorization: 'Bearer sk-test-local',
    });
    expect(record.usage['requests']).toBe(3);
    expect(record.usage['characters']).toBe(track.captions.reduce((sum, caption) => sum + caption.text.length, 0));
    expect(record.usage['audio_seconds']).toBeGreaterThan(3);
    expect(record.cost).toBeCloseTo(((record.usage['characters'] ?? 0) * 15) / 1e6, 12);
    expect((await audioStats(track.path)).meanVolumeDb).toBeGreaterThan(-35);
  });

  it('retries after a 429 and then speaks', async () => {
    const work = dirs.make();
    server = await startOpenAiServer(
      () => ({ status: 500, body: {} }),
      (request, n) => (n === 0 ? rateLimited() : spokenAudio(request, work)),
    );
    const media = context();
    const voice = await createVoice(settingsFor(server.baseURL), 'en', media.tools, usageRecorder().usage);
    const spoken = await voice.speak('One sentence.', join(media.workDir, 's'));
    expect(server.speechRequests).toHaveLength(2);
    expect(spoken.seconds).toBeGreaterThan(0.3);
    expect(readFileSync(spoken.path).subarray(0, 4).toString('latin1')).toBe('RIFF');
  });

  it('refuses audio that is not audio with a typed error', async () => {
    server = await startOpenAiServer(
      () => ({ status: 500, body: {} }),
      () => ({ status: 200, audio: Buffer.from('RIFF....WAVEnot really a wav file at all'), contentType: 'audio/wav' }),
    );
    const media = context();
    const voice = await createVoice(settingsFor(server.baseURL), 'en', media.tools, usageRecorder().usage);
    const failure = voice.speak('One sentence.', join(media.workDir, 's'));
    await expect(failure).rejects.toBeInstanceOf(VoiceFormatError);
    await expect(failure).rejects.toThrow(
      /openai:gpt-4o-mini-tts returned speech that is not usable audio.*nothing was cached/,
    );
  });

  it('gives up on rate limits with a typed error, and stops when aborted', async () => {
    server = await startOpenAiServer(
      () => ({ status: 500, body: {} }),
      (_request, n) => (n < 2 ? rateLimited() : 'hang'),
    );
    const media = context();
    const limiting = await createVoice(
      settingsFor(server.baseURL, { STREAMGANK_OPENAI_MAX_RETRIES: '1' }),
      'en',
      media.tools,
      usageRecorder().usage,
    );
    const limited = limiting.speak('One.', join(media.workDir, 'a'));
    await expect(limited).rejects.toBeInstanceOf(ProviderRequestError);
    await expect(limited).rejects.toThrow(/rate limiting/);
    const controller = new AbortController();
    const voice = await createVoice(
      settingsFor(server.baseURL),
      'en',
      media.tools,
      usageRecorder().usage,
      controller.signal,
    );
    const hanging = voice.speak('Two.', join(media.workDir, 'b'));
    setTimeout(() => controller.abort(), 50);
    await expect(hanging).rejects.toBeInstanceOf(PipelineAbortedError);
  });
});
