import { canonicalParameter, type EntryParameters } from '../entries/name.js';

/**
 * A 32-bit hash of what makes an entry (`entryKey`: its data type and canonical parameters), kept
 * per row in the index: equal entries, equal hashes; a hash shared by different entries is
 * possible and is told apart by whoever compares. Each distinct name is hashed once.
 */
export class EntryHasher {
  private readonly exact = new Map<string, number>();
  private readonly canonical = new Map<string, number>();

  hash(dataType: string, parameters: EntryParameters): number {
    let hash = Math.imul(this.of(this.exact, dataType, identity), 0x9e3779b1);
    hash = Math.imul(hash ^ this.of(this.canonical, parameters.country, canonicalParameter), 0x85ebca77);
    hash = Math.imul(hash ^ this.of(this.canonical, parameters.genre, canonicalParameter), 0xc2b2ae3d);
    hash = Math.imul(hash ^ this.of(this.canonical, parameters.platform, canonicalParameter), 0x27d4eb2f);
    return hash ^ (hash >>> 15);
  }

  private of(memo: Map<string, number>, name: string, form: (name: string) => string): number {
    let hash = memo.get(name);
    if (hash === undefined) {
      hash = stringHash(form(name));
      memo.set(name, hash);
    }
    return hash;
  }
}

/**
 * The values that are there more than once: sorted natively, equal values sit side by side. A set
 * of 10,000 numbers, even one built natively, cost four times as much in a fresh process.
 */
export function repeatedValues(values: Int32Array): Set<number> {
  const sorted = values.slice().sort();
  const repeated = new Set<number>();
  for (let i = 1; i < sorted.length; i += 1) if (sorted[i] === sorted[i - 1]) repeated.add(sorted[i] as number);
  return repeated;
}

const identity = (name: string) => name;

/** 32-bit FNV-1a over the string's UTF-16 code units. */
function stringHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash | 0;
}
