/** A secret shorter than this is not searched for: replacing it would garble every line it occurs in. */
const MIN_SECRET_LENGTH = 4;

/**
 * Variables holding credentials, and the parts of each value that must never be shown. An API key
 * is secret as a whole; a Redis URL only in its password, so the address can still be shown
 * (as `redis://:***@host:6379`).
 */
const SECRET_PARTS: Readonly<Record<string, (value: string) => string[]>> = {
  OPENAI_API_KEY: (value) => [value],
  // An SDK error may quote the API secret of a cloudinary://key:secret@cloud URL without the rest.
  CLOUDINARY_URL: (value) => [value, ...optional(/^cloudinary:\/\/[^:]*:([^@]+)@/.exec(value)?.[1])],
  STREAMGANK_REDIS_URL: redisUrlSecrets,
  STREAMGANK_SHARED_KEY: (value) => [value],
};

/** Variables whose values (or parts of them) are credentials: never printed, logged or written to the cache. */
export const SECRET_VARIABLES = Object.keys(SECRET_PARTS);

function optional(value: string | undefined): string[] {
  return value ? [value] : [];
}

/** Both spellings of a URL component: as typed (percent-encoded) and decoded, as a client may quote it. */
function spellings(component: string): string[] {
  try {
    return [component, decodeURIComponent(component)];
  } catch {
    return [component];
  }
}

/** The password of a Redis URL (`redis://user:password@host`, `?password=` on a socket path), if any. */
export function redisUrlSecrets(url: string): string[] {
  const found: string[] = [];
  // Greedy up to the last "@" before the path: an unencoded "@" in a password stays in it.
  const userInfo = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)@/i.exec(url.trim())?.[1];
  const colon = userInfo?.indexOf(':') ?? -1;
  if (userInfo !== undefined && colon >= 0) found.push(...spellings(userInfo.slice(colon + 1)));
  for (const match of url.matchAll(/[?&][^=&#]*password[^=&#]*=([^&#]*)/gi)) found.push(...spellings(match[1] ?? ''));
  return found;
}

/** The secret values in an environment, and the parts of them that could appear on their own. */
export function secretValuesOf(env: NodeJS.ProcessEnv): string[] {
  const values: string[] = [];
  for (const [name, secretParts] of Object.entries(SECRET_PARTS)) {
    const value = env[name]?.trim();
    if (value) values.push(...secretParts(value));
  }
  return usable(values);
}

/** The values worth searching for: long enough, and each once. */
export function usable(secrets: Iterable<string>): string[] {
  return [...new Set(secrets)].filter((value) => value.length >= MIN_SECRET_LENGTH);
}

/** `text` with every secret value replaced, longest first so that no part of one survives. */
export function redact(text: string, secrets: Iterable<string>): string {
  let result = text;
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) result = result.split(secret).join('***');
  return result;
}
