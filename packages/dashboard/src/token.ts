import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { InvalidDashboardOptionError } from './errors.js';

/** A fresh token: 32 random bytes, URL-safe, so it can be pasted anywhere. */
export function generateToken(): string {
  return randomBytes(32).toString('base64url');
}

export function assertUsableToken(token: string): void {
  if (typeof token !== 'string' || token.length === 0 || /\s/.test(token)) {
    throw new InvalidDashboardOptionError(
      'token',
      token,
      'a non-empty string without spaces (or none, for a random one)',
    );
  }
}

/**
 * Compare in constant time. Both sides are hashed first so that neither the length nor the
 * position of the first differing character shows in the time taken.
 */
export function tokenMatches(expected: string, presented: string | undefined): boolean {
  if (presented === undefined) return false;
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(expected), digest(presented));
}

/** The token from `Authorization: Bearer <token>` or `X-StreamGank-Token`; never from the URL or body. */
export function presentedToken(headers: NodeJS.Dict<string | string[]>): string | undefined {
  const authorization = headers['authorization'];
  if (typeof authorization === 'string') {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (match) return match[1];
  }
  const custom = headers['x-streamgank-token'];
  return typeof custom === 'string' && custom.length > 0 ? custom.trim() : undefined;
}
