import { modeSettingsFromEnv } from '@streamgank/cache';
import * as z from 'zod/mini';
import { isBlank, type CliConfig } from './config.js';
import { UsageError } from './errors.js';

/** What each setting must look like, as told to a user (values are never echoed: some are keys). */
const EXPECTED = {
  STREAMGANK_CACHE_DIR: 'a directory path',
  STREAMGANK_CACHE_MODE:
    'readwrite, readonly, refresh or off, optionally with per-type modes (readwrite,script_result=refresh)',
  APP_ENV: 'a word such as production, development or local',
  OPENAI_API_KEY: 'an OpenAI API key, without spaces',
  CLOUDINARY_URL: 'cloudinary://<api_key>:<api_secret>@<cloud_name>',
  STREAMGANK_DASHBOARD_TOKEN: 'a token without spaces',
} as const;

type SettingName = keyof typeof EXPECTED;

const setting = <T extends z.ZodMiniType>(schema: T) =>
  z.pipe(
    z.transform((value: unknown) => (isBlank(value) ? undefined : value)),
    z.optional(schema),
  );

const settingsSchema = z.object({
  STREAMGANK_CACHE_DIR: setting(z.string()),
  STREAMGANK_CACHE_MODE: setting(z.string()),
  APP_ENV: setting(z.string().check(z.regex(/^[\w-]+$/))),
  OPENAI_API_KEY: setting(z.string().check(z.regex(/^\S+$/))),
  CLOUDINARY_URL: setting(z.string().check(z.regex(/^cloudinary:\/\/[^:@/\s]+:[^@/\s]+@[^\s/?]+(\?\S*)?$/))),
  STREAMGANK_DASHBOARD_TOKEN: setting(z.string().check(z.regex(/^\S+$/))),
});

export type Settings = z.infer<typeof settingsSchema>;

/**
 * Check every StreamGank setting of the merged environment (zod). A bad value is a usage error
 * naming the variable, where it came from and what it should look like, never its value.
 */
export function validateSettings(config: CliConfig): Settings {
  const parsed = settingsSchema.safeParse(config.env);
  if (!parsed.success) {
    const name = String(parsed.error.issues[0]?.path[0]) as SettingName;
    const source = config.fromDotEnv.has(name) && config.dotEnvPath ? config.dotEnvPath : 'the environment';
    throw new UsageError(`${name} (from ${source}) is not valid: expected ${EXPECTED[name]}.`);
  }
  modeSettingsFromEnv(config.env);
  return parsed.data;
}
