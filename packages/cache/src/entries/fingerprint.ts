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

const DIGEST = /^(sha256:)?[0-9a-f]{64}$/;

/**
 * A value short enough for one line of `run --explain`: a digest as its first 12 hex digits (as
 * upstream entries are named), another long string cut inside its quotes (from just before where
 * it differs from `other`, so that two long texts show their difference), a list of another length
 * as its length, anything else cut at 40.
 */
function show(value: JsonValue | undefined, other?: JsonValue): string {
  if (typeof value === 'string' && DIGEST.test(value)) return JSON.stringify(value.slice(0, value.length - 52));
  if (typeof value === 'string' && value.length > 38) {
    const start = typeof other === 'string' ? Math.max(0, commonPrefixLength(value, other) - 12) : 0;
    const end = start + 32;
    return JSON.stringify(`${start > 0 ? '…' : ''}${value.slice(start, end)}${end < value.length ? '…' : ''}`);
  }
  if (Array.isArray(value) && Array.isArray(other) && value.length !== other.length) {
    return `${value.length} ${value.length === 1 ? 'item' : 'items'}`;
  }
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

function commonPrefixLength(a: string, b: string): number {
  let index = 0;
  while (index < a.length && index < b.length && a[index] === b[index]) index += 1;
  return index;
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

/**
 * The inputs that differ, with their old and new values (as stored: secret-named ones are hashes).
 * Inside an object or a list of the same length the change is named by its path
 * (`voice.variant: "default" → "m3"`), so that a long value shows what actually changed.
 */
export function inputChanges(
  previous: Readonly<Record<string, JsonValue>> | undefined,
  current: FingerprintInputs,
): InputChange[] {
  const changes: InputChange[] = [];
  compare(previous ?? {}, storedInputs(current), '', changes);
  return changes;
}

const MAX_CHANGES = 20;

function compare(
  before: JsonValue | undefined,
  after: JsonValue | undefined,
  path: string,
  changes: InputChange[],
): void {
  if (changes.length >= MAX_CHANGES || canonicalJson(before) === canonicalJson(after)) return;
  const nested =
    (isRecord(before) && isRecord(after)) ||
    (path !== '' && Array.isArray(before) && Array.isArray(after) && before.length === after.length);
  if (nested || path === '') {
    const keys = [...new Set([...Object.keys(before as object), ...Object.keys(after as object)])].sort(byKey);
    for (const key of keys) {
      const child = (value: JsonValue | undefined) => (value as Record<string, JsonValue> | undefined)?.[key];
      compare(child(before), child(after), path === '' ? key : `${path}.${key}`, changes);
    }
    return;
  }
  const text =
    before === undefined
      ? `${path}: added (${show(after)})`
      : after === undefined
        ? `${path}: removed (was ${show(before)})`
        : `${path}: ${show(before, after)} → ${show(after, before)}`;
  changes.push({ input: path, ...(before !== undefined && { before }), ...(after !== undefined && { after }), text });
}

function isRecord(value: JsonValue | undefined): value is Record<string, JsonValue> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** List indexes in number order, object keys in text order. */
function byKey(a: string, b: string): number {
  return /^\d+$/.test(a) && /^\d+$/.test(b) ? Number(a) - Number(b) : a < b ? -1 : a > b ? 1 : 0;
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
