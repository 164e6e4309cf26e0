/** A secret value this process knows, and what to call it in `[redacted:<kind>]`. */
export interface KnownSecret {
  readonly value: string;
  readonly kind: string;
}

/** Variables whose values are credentials by name: `*_KEY`, `*_SECRET`, `*_TOKEN`, `*_PASSWORD`. */
const SECRET_NAME = /(?:^|_)(?:KEY|SECRET|TOKEN|PASSWORD|PASS|CREDENTIALS?)$/i;
/** Shorter values are not searched for: replacing them would garble ordinary text. */
const MIN_LENGTH = 8;

/**
 * The secret values of this process's environment: every variable named like a credential, the
 * secret part of `CLOUDINARY_URL`, and the password of `STREAMGANK_REDIS_URL` (or any URL variable).
 */
export function knownSecrets(env: NodeJS.ProcessEnv): KnownSecret[] {
  const found: KnownSecret[] = [];
  for (const [name, value] of Object.entries(env)) {
    if (!value) continue;
    if (SECRET_NAME.test(name)) found.push({ value, kind: name.toLowerCase() });
    for (const password of urlPasswords(value)) found.push({ value: password, kind: `${name.toLowerCase()}_password` });
  }
  return dedupe(found.filter((secret) => secret.value.length >= MIN_LENGTH));
}

/** Passwords in URL-like values: `scheme://user:password@host`, `?password=…`. */
function urlPasswords(value: string): string[] {
  const found: string[] = [];
  const userInfo = /^[a-z][a-z0-9+.-]*:\/\/([^/?#\s]*)@/i.exec(value.trim())?.[1];
  const colon = userInfo?.indexOf(':') ?? -1;
  if (userInfo !== undefined && colon >= 0) found.push(...spellings(userInfo.slice(colon + 1)));
  for (const match of value.matchAll(/[?&][^=&#]*(?:password|secret|token)[^=&#]*=([^&#\s]*)/gi)) {
    found.push(...spellings(match[1] ?? ''));
  }
  return found;
}

/** As typed and percent-decoded: a client may quote either. */
function spellings(component: string): string[] {
  try {
    const decoded = decodeURIComponent(component);
    return decoded === component ? [component] : [component, decoded];
  } catch {
    return [component];
  }
}

/** Longest first, so a value that contains another is replaced whole. */
function dedupe(secrets: KnownSecret[]): KnownSecret[] {
  const seen = new Map<string, KnownSecret>();
  for (const secret of secrets) if (!seen.has(secret.value)) seen.set(secret.value, secret);
  return [...seen.values()].sort((a, b) => b.value.length - a.value.length);
}
