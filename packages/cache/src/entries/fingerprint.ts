import { createHash } from 'node:crypto';
import { canonicalJson, type JsonValue } from './canonical-json.js';

/** Everything besides the three naming parameters that shapes a result: model, count, versions… */
export type FingerprintInputs = Readonly<Record<string, JsonValue | undefined>>;

const SECRET_NAME = /(key|secret|token|password|credential|authorization)/i;

/**
 * Inputs as they are stored in an entry's metadata. A value whose name looks like a secret is
 * replaced by its hash: it still changes the fingerprint, but the key itself never reaches disk.
 */
export function storedInputs(inputs: FingerprintInputs): Record<string, JsonValue> {
  const stored: Record<string, JsonValue> = {};
  for (const [name, value] of Object.entries(inputs)) {
    if (value === undefined) continue;
    stored[name] = SECRET_NAME.test(name) ? `redacted:sha256:${sha256Hex(canonicalJson(value)).slice(0, 16)}` : value;
  }
  return stored;
}

export function computeFingerprint(inputs: FingerprintInputs): string {
  return `sha256:${sha256Hex(canonicalJson(storedInputs(inputs)))}`;
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function show(value: JsonValue | undefined): string {
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/** Human-readable reasons an entry's inputs differ from the ones asked for, e.g. `num_movies: 3 → 5`. */
export function describeInputChanges(
  previous: Readonly<Record<string, JsonValue>> | undefined,
  current: FingerprintInputs,
): string[] {
  if (!previous) return ['the entry records no inputs (written by an older version)'];
  const now = storedInputs(current);
  const names = [...new Set([...Object.keys(previous), ...Object.keys(now)])].sort();
  const reasons: string[] = [];
  for (const name of names) {
    const before = previous[name];
    const after = now[name];
    if (canonicalJson(before) === canonicalJson(after)) continue;
    if (before === undefined) reasons.push(`${name}: added (${show(after)})`);
    else if (after === undefined) reasons.push(`${name}: removed (was ${show(before)})`);
    else reasons.push(`${name}: ${show(before)} → ${show(after)}`);
  }
  return reasons.length > 0 ? reasons : ['the fingerprint differs although the recorded inputs match'];
}
