import { InvalidSettingError } from './errors.js';
import { CURRENT_PROMPT_VERSION, PROMPTS } from './scripts/prompts.js';
import type { TokenPrice } from './scripts/pricing.js';

/** How to reach OpenAI (or a compatible server): shared by the script writer and the voice. */
export interface OpenAiConnection {
  readonly apiKey: string;
  readonly baseURL: string | undefined;
  readonly timeoutMs: number;
  readonly maxRetries: number;
}

export interface OpenAiSettings extends OpenAiConnection {
  readonly provider: 'openai';
  readonly model: string;
  readonly promptVersion: string;
  readonly price: TokenPrice | undefined;
}

export type ScriptSettings = { readonly provider: 'embedded' } | OpenAiSettings;

/** eSpeak NG in the job's language; `variant` (`m3`, `f2`…) changes how it sounds. */
export interface EmbeddedVoiceSettings {
  readonly provider: 'embedded';
  readonly variant: string | undefined;
}

/** OpenAI text-to-speech (`audio.speech`). */
export interface OpenAiVoiceSettings extends OpenAiConnection {
  readonly provider: 'openai';
  readonly model: string;
  readonly voice: string;
  /** US dollars per million characters, overriding the built-in price list. */
  readonly pricePerMillionCharacters: number | undefined;
}

export type VoiceSettings = EmbeddedVoiceSettings | OpenAiVoiceSettings;

export const DEFAULT_TTS_MODEL = 'gpt-4o-mini-tts';
export const DEFAULT_OPENAI_VOICE = 'alloy';

export interface CloudinarySettings {
  readonly cloudName: string;
  readonly apiKey: string;
  readonly apiSecret: string;
  readonly uploadPrefix: string | undefined;
  readonly folder: string;
  readonly timeoutMs: number;
}

/** Everything a run reads from the environment; keys stay here and never reach a fingerprint. */
export interface PipelineSettings {
  readonly scripts: ScriptSettings;
  readonly cloudinary: CloudinarySettings | undefined;
  readonly voice: VoiceSettings;
  /** A soft chord under the voice, well below it (STREAMGANK_MUSIC_BED=off leaves it out). */
  readonly musicBed: boolean;
  /** STREAMGANK_LANGUAGE as written; checked with the request (default: the country's language). */
  readonly language: string | undefined;
  /** A folder of real trailers named `<id>.mp4` or `<slug>.mp4`; others get a generated trailer. */
  readonly trailerDir: string | undefined;
  readonly env: NodeJS.ProcessEnv;
}

/** What a run's options set over the environment. */
export interface SettingOverrides {
  /** Over STREAMGANK_VOICE. */
  readonly voice?: string | undefined;
}

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number, allowZero = false): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < (allowZero ? 0 : 1)) {
    throw new InvalidSettingError(name, `expected a whole number${allowZero ? '' : ' above 0'}, got "${raw}".`);
  }
  return value;
}

function priceOverride(env: NodeJS.ProcessEnv): TokenPrice | undefined {
  const raw = env['STREAMGANK_OPENAI_PRICES'];
  if (!raw) return undefined;
  const [input, output] = raw.split(',').map((part) => Number(part.trim()));
  if (
    input === undefined ||
    output === undefined ||
    !Number.isFinite(input) ||
    !Number.isFinite(output) ||
    input < 0 ||
    output < 0
  ) {
    throw new InvalidSettingError(
      'STREAMGANK_OPENAI_PRICES',
      `expected "input,output" US dollars per million tokens, e.g. "0.15,0.60", got "${raw}".`,
    );
  }
  return { input, output };
}

/**
 * The provider `variable` names, else OpenAI when OPENAI_API_KEY is set, else the embedded one;
 * the connection comes with OpenAI.
 */
function openAiChoice(env: NodeJS.ProcessEnv, variable: string): OpenAiConnection | undefined {
  const chosen = (env[variable] ?? '').trim().toLowerCase();
  const apiKey = env['OPENAI_API_KEY'];
  if (chosen && chosen !== 'embedded' && chosen !== 'openai') {
    throw new InvalidSettingError(variable, `expected "embedded" or "openai", got "${chosen}".`);
  }
  if (chosen === 'embedded' || (!chosen && !apiKey)) return undefined;
  if (!apiKey)
    throw new InvalidSettingError(
      variable,
      'is "openai" but OPENAI_API_KEY is not set. Set the key or use "embedded".',
    );
  return {
    apiKey,
    baseURL: env['OPENAI_BASE_URL'] || undefined,
    timeoutMs: positiveInteger(env, 'STREAMGANK_OPENAI_TIMEOUT_MS', 60_000),
    maxRetries: positiveInteger(env, 'STREAMGANK_OPENAI_MAX_RETRIES', 2, true),
  };
}

function scriptSettings(env: NodeJS.ProcessEnv): ScriptSettings {
  const connection = openAiChoice(env, 'STREAMGANK_SCRIPT_PROVIDER');
  if (!connection) return { provider: 'embedded' };
  const promptVersion = env['STREAMGANK_PROMPT_VERSION'] || CURRENT_PROMPT_VERSION;
  if (!PROMPTS[promptVersion]) {
    throw new InvalidSettingError(
      'STREAMGANK_PROMPT_VERSION',
      `unknown prompt version "${promptVersion}"; known: ${Object.keys(PROMPTS).join(', ')}.`,
    );
  }
  return {
    provider: 'openai',
    ...connection,
    model: env['STREAMGANK_OPENAI_MODEL'] || 'gpt-4o-mini',
    promptVersion,
    price: priceOverride(env),
  };
}

const VOICE_NAME = /^[A-Za-z0-9][\w-]*$/;

function voiceSettings(env: NodeJS.ProcessEnv, overrides: SettingOverrides): VoiceSettings {
  const voice = (overrides.voice ?? env['STREAMGANK_VOICE'] ?? '').trim() || undefined;
  const variable = overrides.voice !== undefined ? '--voice' : 'STREAMGANK_VOICE';
  if (voice !== undefined && !VOICE_NAME.test(voice)) {
    throw new InvalidSettingError(
      variable,
      `expected a voice name such as alloy (OpenAI) or m3 (eSpeak NG), got "${voice}".`,
    );
  }
  const connection = openAiChoice(env, 'STREAMGANK_VOICE_PROVIDER');
  if (!connection) return { provider: 'embedded', variant: voice };
  const price = env['STREAMGANK_OPENAI_TTS_PRICE'];
  const pricePerMillionCharacters = price ? Number(price) : undefined;
  if (
    pricePerMillionCharacters !== undefined &&
    !(Number.isFinite(pricePerMillionCharacters) && pricePerMillionCharacters >= 0)
  ) {
    throw new InvalidSettingError(
      'STREAMGANK_OPENAI_TTS_PRICE',
      `expected US dollars per million characters, e.g. "15", got "${price}".`,
    );
  }
  return {
    provider: 'openai',
    ...connection,
    model: env['STREAMGANK_OPENAI_TTS_MODEL'] || DEFAULT_TTS_MODEL,
    voice: voice ?? DEFAULT_OPENAI_VOICE,
    pricePerMillionCharacters,
  };
}

function musicBed(env: NodeJS.ProcessEnv): boolean {
  const raw = (env['STREAMGANK_MUSIC_BED'] ?? '').trim().toLowerCase();
  if (raw === '' || raw === 'on') return true;
  if (raw === 'off') return false;
  throw new InvalidSettingError('STREAMGANK_MUSIC_BED', `expected "on" or "off", got "${raw}".`);
}

/** `cloudinary://<api_key>:<api_secret>@<cloud_name>[?upload_prefix=…]`, as the Cloudinary SDK reads it. */
export function parseCloudinaryUrl(raw: string, env: NodeJS.ProcessEnv = {}): CloudinarySettings {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new InvalidSettingError(
      'CLOUDINARY_URL',
      'is not a URL; expected cloudinary://<api_key>:<api_secret>@<cloud_name>.',
    );
  }
  const apiKey = decodeURIComponent(url.username);
  const apiSecret = decodeURIComponent(url.password);
  if (url.protocol !== 'cloudinary:' || !url.hostname || !apiKey || !apiSecret) {
    throw new InvalidSettingError(
      'CLOUDINARY_URL',
      'expected cloudinary://<api_key>:<api_secret>@<cloud_name> (copy it from the Cloudinary console).',
    );
  }
  return {
    cloudName: url.hostname,
    apiKey,
    apiSecret,
    uploadPrefix: url.searchParams.get('upload_prefix') ?? undefined,
    folder: env['STREAMGANK_CLOUDINARY_FOLDER'] || 'streamgank',
    timeoutMs: positiveInteger(env, 'STREAMGANK_CLOUDINARY_TIMEOUT_MS', 120_000),
  };
}

export function readSettings(env: NodeJS.ProcessEnv, overrides: SettingOverrides = {}): PipelineSettings {
  const cloudinaryUrl = env['CLOUDINARY_URL'];
  return {
    scripts: scriptSettings(env),
    voice: voiceSettings(env, overrides),
    musicBed: musicBed(env),
    language: env['STREAMGANK_LANGUAGE']?.trim() || undefined,
    cloudinary: cloudinaryUrl ? parseCloudinaryUrl(cloudinaryUrl, env) : undefined,
    trailerDir: env['STREAMGANK_TRAILER_DIR'] || undefined,
    env,
  };
}
