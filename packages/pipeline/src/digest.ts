import { createHash } from 'node:crypto';
import { canonicalJson } from '@streamgank/cache';

/** A digest of JSON-like data, independent of key order: what a step's fingerprint records of its inputs. */
export function digestOf(value: unknown): string {
  return `sha256:${createHash('sha256').update(canonicalJson(value)).digest('hex')}`;
}
