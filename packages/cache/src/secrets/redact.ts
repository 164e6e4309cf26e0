import type { KnownSecret } from './known-values.js';
import { TOKEN_SHAPES } from './token-shapes.js';

/** Where a secret was found (a JSON path such as `data.movies.0.overview`) and what kind it was. */
export interface Redaction {
  readonly path: string;
  readonly kind: string;
}

const REDACTION_MARKER = /^\[redacted:[a-z0-9_]+\]$/;

/** Replace every known value and well-known token shape in `text`; returns the text and the kinds found. */
export function redactText(text: string, known: readonly KnownSecret[]): { text: string; kinds: string[] } {
  const kinds: string[] = [];
  let out = text;
  for (const secret of known) {
    if (!out.includes(secret.value)) continue;
    out = out.split(secret.value).join(`[redacted:${secret.kind}]`);
    kinds.push(secret.kind);
  }
  for (const shape of TOKEN_SHAPES) {
    out = out.replace(shape.pattern, (match: string, ...groups: unknown[]) => {
      const part = shape.group === undefined ? match : (groups[shape.group - 1] as string);
      // A URL whose password was redacted before still has the shape of one with a password.
      if (REDACTION_MARKER.test(part)) return match;
      kinds.push(shape.kind);
      return shape.group === undefined ? `[redacted:${shape.kind}]` : match.replace(part, `[redacted:${shape.kind}]`);
    });
  }
  return { text: out, kinds };
}

/**
 * A copy of `value` with every string (and object key) redacted, and where each secret was found.
 * Already-redacted markers are left alone, so redacting twice finds nothing new.
 */
export function redactValue<T>(
  value: T,
  known: readonly KnownSecret[],
  path = '',
): { value: T; redactions: Redaction[] } {
  const redactions: Redaction[] = [];
  const walk = (node: unknown, at: string): unknown => {
    if (typeof node === 'string') {
      const { text, kinds } = redactText(node, known);
      for (const kind of new Set(kinds)) redactions.push({ path: at, kind });
      return text;
    }
    if (Array.isArray(node)) return node.map((item, index) => walk(item, join(at, String(index))));
    if (node !== null && typeof node === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, child] of Object.entries(node)) {
        const { text: safeKey, kinds } = redactText(key, known);
        for (const kind of new Set(kinds)) redactions.push({ path: join(at, safeKey), kind });
        out[safeKey] = walk(child, join(at, safeKey));
      }
      return out;
    }
    return node;
  };
  return { value: walk(value, path) as T, redactions };
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}
