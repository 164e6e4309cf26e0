import type { CacheLogger } from '../options/logger.js';
import { knownSecrets, type KnownSecret } from './known-values.js';
import { redactText, redactValue, type Redaction } from './redact.js';

/** Media types whose bytes are text, and so scanned for secrets like entries are. */
const TEXT_LIKE = /^(?:text\/|application\/(?:json|x-subrip|xml|x-yaml|yaml|javascript)|application\/[a-z.+-]*\+json)/i;
/** Larger text blobs are not read whole to be scanned (nothing we make is that large). */
export const MAX_SCANNED_BLOB_BYTES = 16 * 1024 * 1024;

export function isTextLike(mediaType: string): boolean {
  return TEXT_LIKE.test(mediaType);
}

/**
 * What this cache never stores, publishes or exports: the values of the keys this process knows
 * (from its environment and the cache's own settings) and well-known token shapes. Found ones are
 * replaced by `[redacted:<kind>]` and reported once per place.
 */
export class SecretScanner {
  private knownValues: readonly KnownSecret[] | undefined;
  private readonly reported = new Set<string>();

  constructor(
    private readonly env: NodeJS.ProcessEnv,
    private readonly extra: readonly KnownSecret[],
    private readonly logger: CacheLogger,
  ) {}

  /**
   * Worked out at the first write, not when the cache is made: walking the environment costs a
   * few milliseconds, and a process that only lists or loads never needs it.
   */
  private get known(): readonly KnownSecret[] {
    this.knownValues ??= [...knownSecrets(this.env), ...this.extra.filter((secret) => secret.value.length >= 8)].sort(
      (a, b) => b.value.length - a.value.length,
    );
    return this.knownValues;
  }

  redact<T>(value: T, path: string): { value: T; redactions: Redaction[] } {
    return redactValue(value, this.known, path);
  }

  redactText(text: string): { text: string; kinds: string[] } {
    return redactText(text, this.known);
  }

  /** Say once per place (an entry, a blob) that secrets were taken out of it, never the values. */
  report(where: string, redactions: readonly Redaction[], what = 'redacted'): void {
    if (redactions.length === 0) return;
    const key = `${where}\0${what}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    const kinds = [...new Set(redactions.map((redaction) => redaction.kind))].join(', ');
    const paths = redactions
      .map((redaction) => redaction.path)
      .slice(0, 5)
      .join(', ');
    this.logger.warn(
      `${where}: ${what} ${redactions.length} secret${redactions.length === 1 ? '' : 's'} (${kinds}) at ${paths}.`,
    );
  }
}
