import { InvalidModeError } from '../errors.js';

/**
 * - `readwrite`: a hit is used, a miss is produced and saved (the seed's automatic fallback).
 * - `readonly`: never produce; a miss is an error that says how to fill the entry.
 * - `refresh`: always produce, then save.
 * - `off`: no reads, no writes.
 */
export type CacheMode = 'readwrite' | 'readonly' | 'refresh' | 'off';

export const CACHE_MODES: readonly CacheMode[] = ['readwrite', 'readonly', 'refresh', 'off'];

/** The seed's `APP_ENV` values and the mode each one means. */
const APP_ENV_MODES: Readonly<Record<string, CacheMode>> = {
  production: 'off',
  development: 'refresh',
  local: 'readwrite',
};

export function parseCacheMode(value: string, source: string): CacheMode {
  const mode = value.trim().toLowerCase();
  if ((CACHE_MODES as readonly string[]).includes(mode)) return mode as CacheMode;
  throw new InvalidModeError(value, source);
}

export interface ModeSettings {
  /** The mode for every data type without one of its own. */
  readonly mode?: CacheMode;
  /** Per data type, e.g. `{ script_result: 'refresh' }`; wins over `mode`. */
  readonly modes?: Readonly<Record<string, CacheMode>>;
}

/**
 * Read `STREAMGANK_CACHE_MODE` (`refresh`, or `readwrite,script_result=refresh`) and the seed's
 * `APP_ENV`. `STREAMGANK_CACHE_MODE` wins over `APP_ENV`; an unknown `APP_ENV` (e.g. "test")
 * means nothing for the cache.
 */
export function modeSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): ModeSettings {
  const raw = env['STREAMGANK_CACHE_MODE']?.trim();
  if (raw) {
    let mode: CacheMode | undefined;
    const modes: Record<string, CacheMode> = {};
    for (const part of raw
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean)) {
      const [left, right] = part.split('=', 2) as [string, string | undefined];
      if (right === undefined) mode = parseCacheMode(left, 'STREAMGANK_CACHE_MODE');
      else modes[left.trim()] = parseCacheMode(right, `STREAMGANK_CACHE_MODE (${left.trim()})`);
    }
    return { ...(mode && { mode }), modes };
  }
  const appEnvMode = APP_ENV_MODES[env['APP_ENV']?.trim().toLowerCase() ?? ''];
  return appEnvMode ? { mode: appEnvMode } : {};
}

/** Explicit settings (flags, options) win over the environment; per type wins over global at each level. */
export function resolveMode(dataType: string, explicit: ModeSettings, fromEnv: ModeSettings): CacheMode {
  return explicit.modes?.[dataType] ?? explicit.mode ?? fromEnv.modes?.[dataType] ?? fromEnv.mode ?? 'readwrite';
}
