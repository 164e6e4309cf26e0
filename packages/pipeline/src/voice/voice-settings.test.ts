import { describe, expect, it } from 'vitest';
import { InvalidSettingError } from '../errors.js';
import { readSettings } from '../settings.js';
import { speechCost } from './speech-pricing.js';
import { voiceIdentity } from './voices.js';

describe('voice settings', () => {
  it('speak with eSpeak NG unless an OpenAI key is set', () => {
    expect(readSettings({}).voice).toEqual({ provider: 'embedded', variant: undefined });
    expect(readSettings({ STREAMGANK_VOICE: 'f2' }).voice).toEqual({ provider: 'embedded', variant: 'f2' });
    expect(readSettings({ OPENAI_API_KEY: 'sk-x' }).voice).toMatchObject({
      provider: 'openai',
      model: 'gpt-4o-mini-tts',
      voice: 'alloy',
    });
    expect(
      readSettings({ OPENAI_API_KEY: 'sk-x', STREAMGANK_OPENAI_TTS_MODEL: 'tts-1-hd', STREAMGANK_VOICE: 'nova' }).voice,
    ).toMatchObject({ provider: 'openai', model: 'tts-1-hd', voice: 'nova' });
    expect(readSettings({ OPENAI_API_KEY: 'sk-x', STREAMGANK_VOICE_PROVIDER: 'embedded' }).voice.provider).toBe(
      'embedded',
    );
    expect(readSettings({ STREAMGANK_VOICE: 'f2' }, { voice: 'm3' }).voice).toEqual({
      provider: 'embedded',
      variant: 'm3',
    });
  });

  it('refuse what cannot work, naming the setting', () => {
    expect(() => readSettings({ STREAMGANK_VOICE_PROVIDER: 'openai' })).toThrow(
      /STREAMGANK_VOICE_PROVIDER.*OPENAI_API_KEY/,
    );
    expect(() => readSettings({ STREAMGANK_VOICE_PROVIDER: 'polly' })).toThrow(InvalidSettingError);
    expect(() => readSettings({}, { voice: 'a voice; rm -rf' })).toThrow(/--voice: expected a voice name/);
    expect(() => readSettings({ STREAMGANK_MUSIC_BED: 'loud' })).toThrow(/STREAMGANK_MUSIC_BED/);
    expect(() => readSettings({ OPENAI_API_KEY: 'sk-x', STREAMGANK_OPENAI_TTS_PRICE: 'free' })).toThrow(
      /STREAMGANK_OPENAI_TTS_PRICE/,
    );
    expect(readSettings({ STREAMGANK_MUSIC_BED: 'off' }).musicBed).toBe(false);
  });

  it('make an identity for the fingerprint that changes with voice, model and language, never with the key', () => {
    const embedded = voiceIdentity({ provider: 'embedded', variant: undefined }, 'fr');
    expect(embedded).toMatchObject({ provider: 'embedded', voice: 'fr-fr', language: 'fr' });
    expect(embedded.engine).toMatch(/^espeak-ng@\d/);
    expect(voiceIdentity({ provider: 'embedded', variant: 'f2' }, 'de')).toMatchObject({
      voice: 'de+f2',
      language: 'de',
    });
    const openai = readSettings({ OPENAI_API_KEY: 'sk-secret', STREAMGANK_VOICE: 'nova' }).voice;
    expect(voiceIdentity(openai, 'en')).toEqual({
      provider: 'openai',
      engine: 'openai:gpt-4o-mini-tts',
      voice: 'nova',
      language: 'en',
    });
    expect(JSON.stringify(voiceIdentity(openai, 'en'))).not.toContain('sk-secret');
  });

  it('price OpenAI speech by characters or by minute of audio', () => {
    expect(speechCost('tts-1', 1_000_000, 60)).toBeCloseTo(15, 9);
    expect(speechCost('tts-1-hd-1106', 1000, 60)).toBeCloseTo(0.03, 9);
    expect(speechCost('gpt-4o-mini-tts', 900, 120)).toBeCloseTo(0.03, 9);
    expect(speechCost('my-voice-model', 1000, 60)).toBeUndefined();
    expect(speechCost('my-voice-model', 1000, 60, 20)).toBeCloseTo(0.02, 9);
  });
});
