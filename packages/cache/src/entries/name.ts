import { createHash } from 'node:crypto';
import { InvalidDataTypeError, InvalidParameterError } from '../errors.js';

/** The three parameters that name an entry, as in the seed: `{data_type}_{country}_{genre}_{platform}.json`. */
export type EntryParameters = {
  readonly country: string;
  readonly genre: string;
  readonly platform: string;
};

export const PARAMETER_NAMES = ['country', 'genre', 'platform'] as const;

const DATA_TYPE_PATTERN = /^[a-z][a-z0-9_]{0,63}$/;
const NAME_WORD = /^[a-z0-9+]+$/;
const GENRE_WORD = /^[a-z0-9+-]+$/;
const MAX_PLAIN_SEGMENT = 48;
const MAX_READABLE_PREFIX = 40;

export function assertDataType(dataType: string): void {
  if (typeof dataType !== 'string' || !DATA_TYPE_PATTERN.test(dataType)) {
    throw new InvalidDataTypeError(String(dataType));
  }
}

/**
 * The form in which two spellings of a parameter are the same entry: Unicode NFC,
 * lower case, whitespace trimmed and collapsed. "Horror", "HORROR" and " horror " are one
 * entry; "Mystère" typed as NFC or NFD is one entry.
 */
export function canonicalParameter(value: string): string {
  return value.normalize('NFC').toLowerCase().replace(/\s+/gu, ' ').trim();
}

export function assertParameters(parameters: EntryParameters): void {
  for (const name of PARAMETER_NAMES) {
    const value: unknown = (parameters as unknown as Record<string, unknown>)[name];
    if (typeof value !== 'string' || canonicalParameter(value) === '') {
      throw new InvalidParameterError(name, value);
    }
  }
}

export function sameParameters(a: EntryParameters, b: EntryParameters): boolean {
  return PARAMETER_NAMES.every((name) => canonicalParameter(a[name]) === canonicalParameter(b[name]));
}

function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 8);
}

/** Country and platform ("Prime Video", "Disney+") join their words with "-"; a genre with "_". */
export type SegmentKind = 'name' | 'genre';

/**
 * A segment is "plain" when the canonical value can be read back from it exactly, so the
 * seed's readable names stay as they were. Country and platform words hold `[a-z0-9+]` and are
 * joined with "-" (`prime-video`, `disney+`); genre words hold `[a-z0-9+-]` and "&" (written
 * "and", as in `action_and_aventure`) and are joined with "_". A genre that spells out "and" is
 * not plain, or "A and B" and "A & B" would share a file. With only the genre able to hold "_",
 * `{type}_{country}_{genre}_{platform}` splits back into its parts for a given type.
 */
function plainSegment(canonical: string, kind: SegmentKind): string | undefined {
  const words = canonical.split(' ');
  let segment: string;
  if (kind === 'name') {
    if (!words.every((word) => NAME_WORD.test(word))) return undefined;
    segment = words.join('-');
  } else {
    if (words.includes('and') || !words.every((word) => word === '&' || GENRE_WORD.test(word))) return undefined;
    segment = words.map((word) => (word === '&' ? 'and' : word)).join('_');
  }
  return segment.length <= MAX_PLAIN_SEGMENT ? segment : undefined;
}

/**
 * A readable ASCII approximation for a value that is not plain. It may lose information
 * (accents, scripts other than Latin, punctuation), so the caller always appends a hash.
 */
function readablePrefix(canonical: string): string {
  const ascii = canonical
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/&/g, ' and ')
    .replace(/\+/g, ' plus ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
  let prefix = '';
  for (const word of ascii) {
    const next = prefix ? `${prefix}_${word}` : word;
    if (next.length > MAX_READABLE_PREFIX) return prefix || word.slice(0, MAX_READABLE_PREFIX);
    prefix = next;
  }
  return prefix;
}

/**
 * One file-name segment for a parameter value. Any value that is not plain becomes
 * `readable~hash8`, and since "~" never occurs in a plain segment, a hashed segment can never be
 * mistaken for a plain one. No segment can contain "/", "\", "..", NUL or any character outside
 * `[a-z0-9_+~-]`.
 */
export function parameterSegment(value: string, kind: SegmentKind): string {
  const canonical = canonicalParameter(value);
  return plainSegment(canonical, kind) ?? `${readablePrefix(canonical)}~${shortHash(canonical)}`;
}

/**
 * The entry's file name, relative to the cache directory, e.g.
 * `assets_us_action_and_aventure_netflix.json` for ("assets", US, "Action & Aventure", Netflix).
 */
export function entryFileName(dataType: string, parameters: EntryParameters): string {
  const { country, genre, platform } = parameters;
  const key = `${dataType}\0${country}\0${genre}\0${platform}`;
  const known =
    typeof country === 'string' && typeof genre === 'string' && typeof platform === 'string'
      ? recentNames.get(key)
      : undefined;
  if (known !== undefined) return known;
  assertDataType(dataType);
  assertParameters(parameters);
  const name =
    [
      dataType,
      parameterSegment(parameters.country, 'name'),
      parameterSegment(parameters.genre, 'genre'),
      parameterSegment(parameters.platform, 'name'),
    ].join('_') + '.json';
  if (recentNames.size >= RECENT_NAMES) recentNames.clear();
  recentNames.set(key, name);
  return name;
}

/** Names already worked out: a run asks for the same few entries over and over. */
const recentNames = new Map<string, string>();
const RECENT_NAMES = 1024;

/**
 * True for a name this cache could have written as an entry: `{type}_{country}_{genre}_{platform}`
 * of the characters it writes, with `.json`. A file so named that cannot be read as an entry is a
 * corrupt entry, not a stranger's file.
 */
export function isEntryFileName(name: string): boolean {
  return /^[a-z][a-z0-9_+~-]*\.json$/.test(name) && name.length <= 255 && (name.match(/_/g)?.length ?? 0) >= 3;
}

/**
 * The name the Python version would have used for parameters that are not plain (it only
 * lower-cased and replaced spaces and "&"). Read-only: looked up on a miss so that its files
 * keep loading; this cache never writes such names.
 */
export function legacyEntryFileName(dataType: string, parameters: EntryParameters): string | undefined {
  const segment = (value: string) =>
    value.normalize('NFC').toLowerCase().trim().replace(/&/g, 'and').replace(/\s+/gu, '_').replace(/_+/g, '_');
  const name = `${dataType}_${segment(parameters.country)}_${segment(parameters.genre)}_${segment(parameters.platform)}.json`;
  const safe = !/[/\\\0]/.test(name) && !name.startsWith('.') && Buffer.byteLength(name) <= 255;
  return safe ? name : undefined;
}

/**
 * What makes two files the same entry, whatever their names: the data type and the canonical
 * parameters. A Python-era file and this version's file for "Comédie" hold the same key.
 */
export function entryKey(dataType: string, parameters: EntryParameters): string {
  const raw = `${dataType}\0${parameters.country}\0${parameters.genre}\0${parameters.platform}`;
  let key = recentKeys.get(raw);
  if (key === undefined) {
    key = `${dataType}\0${canonicalParameter(parameters.country)}\0${canonicalParameter(parameters.genre)}\0${canonicalParameter(parameters.platform)}`;
    if (recentKeys.size >= RECENT_NAMES) recentKeys.clear();
    recentKeys.set(raw, key);
  }
  return key;
}

/** Keys already worked out, as names are: normalising Unicode on every hit is a measurable part of it. */
const recentKeys = new Map<string, string>();

/**
 * Where an entry goes when its seed name is taken by another entry. Seed names cannot always be
 * split back (`script_result_us_horror_netflix.json` is also `script` for result/"us horror"/
 * netflix), and no rule on names alone keeps every seed name and tells those two apart, so the
 * second one to be saved gets this name: the seed name with `~~` and 8 hex digits of its key's
 * SHA-256. `~~` never occurs in a seed or hashed name, so it cannot collide with one.
 */
export function alternateEntryFileName(dataType: string, parameters: EntryParameters): string {
  const primary = entryFileName(dataType, parameters);
  return `${primary.slice(0, -'.json'.length)}~~${shortHash(entryKey(dataType, parameters))}.json`;
}

/**
 * True for a name that can only mean a file at the top of the cache directory: no separator, no
 * NUL, not `.` or `..`, at most 255 bytes. Names from the directory listing (Python-era names
 * with accents, spaces or `&`) pass; nothing a user types can reach outside the directory.
 */
export function isSafeFileName(name: string): boolean {
  return (
    typeof name === 'string' &&
    name !== '' &&
    name !== '.' &&
    name !== '..' &&
    !/[/\\\0]/.test(name) &&
    Buffer.byteLength(name) <= 255
  );
}
