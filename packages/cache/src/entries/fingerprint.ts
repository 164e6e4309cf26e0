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

/** One input that differs between an entry and what is asked for, with both values. */
export interface InputChange {
  readonly input: string;
  /** Absent when the input is new. */
  readonly before?: JsonValue;
  /** Absent when the input was dropped. */
  readonly after?: JsonValue;
  /** e.g. `num_movies: 3 → 5`. */
  readonly text: string;
}

/** The inputs that differ, with their old and new values (as stored: secret-named ones are hashes). */
export function inputChanges(
  previous: Readonly<Record<string, JsonValue>> | undefined,
  current: FingerprintInputs,
): InputChange[] {
  const now = storedInputs(current);
  const before = previous ?? {};
  const names = [...new Set([...Object.keys(before), ...Object.keys(now)])].sort();
  const changes: InputChange[] = [];
  for (const input of names) {
    const old = before[input];
    const value = now[input];
    if (canonicalJson(old) === canonicalJson(value)) continue;
    const text =
      old === undefined
        ? `${input}: added (${show(value)})`
        : value === undefined
          ? `${input}: removed (was ${show(old)})`
          : `${input}: ${show(old)} → ${show(value)}`;
    changes.push({
      input,
      ...(old !== undefined && { before: old }),
      ...(value !== undefined && { after: value }),
      text,
    });
  }
  return changes;
}

/** Human-readable reasons an entry's inputs differ from the ones asked for, e.g. `num_movies: 3 → 5`. */
export function describeInputChanges(
  previous: Readonly<Record<string, JsonValue>> | undefined,
  current: FingerprintInputs,
): string[] {
  if (!previous) return ['the entry records no inputs (written by an older version)'];
  const reasons = inputChanges(previous, current).map((change) => change.text);
  return reasons.length > 0 ? reasons : ['the fingerprint differs although the recorded inputs match'];
}
