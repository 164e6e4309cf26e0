/** Well-known shapes of credentials, found in any text whoever's they are. */
export interface TokenShape {
  readonly kind: string;
  readonly pattern: RegExp;
  /** The part of a match to replace (the whole match when absent). */
  readonly group?: number;
}

export const TOKEN_SHAPES: readonly TokenShape[] = [
  { kind: 'openai_key', pattern: /\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}/g },
  { kind: 'aws_access_key', pattern: /\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[A-Z0-9]{16}\b/g },
  { kind: 'github_token', pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})\b/g },
  { kind: 'bearer_token', pattern: /\bBearer\s+([A-Za-z0-9._~+/=-]{16,})/gi, group: 1 },
  // user:password@ in a URL (the password only; the address stays readable).
  { kind: 'url_password', pattern: /\b[a-z][a-z0-9+.-]*:\/\/[^/\s:@]*:([^@\s/]+)@/gi, group: 1 },
];
