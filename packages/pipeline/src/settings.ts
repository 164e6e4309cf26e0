import { InvalidSettingError } from './errors.js';
import { CURRENT_PROMPT_VERSION, PROMPTS } from './scripts/prompts.js';
import type { TokenPrice } from './scripts/pricing.js';

export interface OpenAiSettings {
  readonly provider: 'openai';
  readonly apiKey: string;
  readonly model: string;
  readonly baseURL: string | undefined;
  readonly timeoutMs: number;
  readonly maxRetries: number;
  readonly promptVersion: string;
  readonly price: TokenPrice | undefined;
}

export type ScriptSettings = { readonly provider: 'embedded' } | OpenAiSettings;

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
  /** A folder of real trailers named `<id>.mp4` or `<slug>.mp4`; others get a generated trailer. */
  readonly trailerDir: string | undefined;
  readonly env: NodeJS.ProcessEnv;
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

function scriptSettings(env: NodeJS.ProcessEnv): ScriptSettings {
  const chosen = (env['STREAMGANK_SCRIPT_PROVIDER'] ?? '').trim().toLowerCase();
  const apiKey = env['OPENAI_API_KEY'];
  if (chosen && chosen !== 'embedded' && chosen !== 'openai') {
    throw new InvalidSettingError('STREAMGANK_SCRIPT_PROVIDER', `expected "embedded" or "openai", got "${chosen}".`);
  }
  if (chosen === 'embedded' || (!chosen && !apiKey)) return { provider: 'embedded' };
  if (!apiKey)
    throw new InvalidSettingError(
      'STREAMGANK_SCRIPT_PROVIDER',
      'is "openai" but OPENAI_API_KEY is not set. Set the key or use "embedded".',
    );
  const promptVersion = env['STREAMGANK_PROMPT_VERSION'] || CURRENT_PROMPT_VERSION;
  if (!PROMPTS[promptVersion]) {
    throw new InvalidSettingError(
      'STREAMGANK_PROMPT_VERSION',
      `unknown prompt version "${promptVersion}"; known: ${Object.keys(PROMPTS).join(', ')}.`,
    );
  }
  return {
    provider: 'openai',
    apiKey,
    model: env['STREAMGANK_OPENAI_MODEL'] || 'gpt-4o-mini',
    baseURL: env['OPENAI_BASE_URL'] || undefined,
    timeoutMs: positiveInteger(env, 'STREAMGANK_OPENAI_TIMEOUT_MS', 60_000),
    maxRetries: positiveInteger(env, 'STREAMGANK_OPENAI_MAX_RETRIES', 2, true),
    promptVersion,
    price: priceOverride(env),
  };
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

export function readSettings(env: NodeJS.ProcessEnv): PipelineSettings {
  const cloudinaryUrl = env['CLOUDINARY_URL'];
  return {
    scripts: scriptSettings(env),
    cloudinary: cloudinaryUrl ? parseCloudinaryUrl(cloudinaryUrl, env) : undefined,
    trailerDir: env['STREAMGANK_TRAILER_DIR'] || undefined,
    env,
  };
}
