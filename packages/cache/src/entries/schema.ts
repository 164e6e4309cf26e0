import type { JsonValue } from './canonical-json.js';

/** A binary asset an entry refers to by digest; the bytes live once under `blobs/`. */
export interface BlobRef {
  sha256: string;
  bytes: number;
  media_type: string;
}

/**
 * The seed's metadata (data_type, parameters, saved_timestamp, saved_datetime) plus the fields
 * this version adds. A file without `format_version` is a legacy entry from the Python version.
 * Unknown fields are kept, so a newer writer's additions survive an older reader.
 */
export interface EntryMetadata {
  data_type: string;
  parameters: { country: string; genre: string; platform: string; [extra: string]: unknown };
  saved_timestamp: number;
  saved_datetime: string;
  format_version?: number;
  inputs_fingerprint?: string;
  inputs?: Record<string, JsonValue>;
  data_sha256?: string;
  produce_ms?: number;
  producer?: string;
  cost_usd?: number;
  usage?: Record<string, number>;
  blobs?: BlobRef[];
  /** Where secrets were taken out before the entry was saved, and of what kind (never the values). */
  redactions?: { path: string; kind: string }[];
  /** The entries this one was made from: its lineage, by name and data digest. */
  upstream?: { data_type: string; file: string; data_sha256: string }[];
  [extra: string]: unknown;
}

const SHA256 = /^[0-9a-f]{64}$/;

type Check = (value: unknown) => string | undefined;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const string: Check = (value) => (typeof value === 'string' ? undefined : 'expected a string');
const nonEmptyString: Check = (value) =>
  typeof value === 'string' && value.length > 0 ? undefined : 'expected a non-empty string';
const digest: Check = (value) =>
  typeof value === 'string' && SHA256.test(value) ? undefined : 'expected 64 lower-case hex characters';
const nonNegative: Check = (value) =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0 ? undefined : 'expected a number ≥ 0';
const count: Check = (value) =>
  Number.isSafeInteger(value) && (value as number) >= 0 ? undefined : 'expected an integer ≥ 0';
const version: Check = (value) =>
  Number.isSafeInteger(value) && (value as number) > 0 ? undefined : 'expected an integer > 0';
const record =
  (each: Check): Check =>
  (value) => {
    if (!isObject(value)) return 'expected an object';
    for (const [key, item] of Object.entries(value)) {
      const problem = each(item);
      if (problem) return `${key}: ${problem}`;
    }
    return undefined;
  };
const anything: Check = () => undefined;
const blobRef: Check = (value) => {
  if (!isObject(value)) return 'expected an object';
  return field(value, 'sha256', digest) ?? field(value, 'bytes', count) ?? field(value, 'media_type', nonEmptyString);
};
const anyList: Check = (value) => (Array.isArray(value) ? undefined : 'expected an array');
const blobList: Check = (value) => {
  if (!Array.isArray(value)) return 'expected an array';
  for (const [index, item] of value.entries()) {
    const problem = blobRef(item);
    if (problem) return `${index}.${problem}`;
  }
  return undefined;
};

function field(object: Record<string, unknown>, name: string, check: Check, optional = false): string | undefined {
  const value = object[name];
  if (value === undefined) return optional ? undefined : `${name}: required`;
  const problem = check(value);
  return problem ? `${name}: ${problem}` : undefined;
}

const REQUIRED: [string, Check][] = [
  ['data_type', nonEmptyString],
  ['saved_timestamp', nonNegative],
  ['saved_datetime', string],
];

const OPTIONAL: [string, Check][] = [
  ['format_version', version],
  ['inputs_fingerprint', string],
  ['inputs', record(anything)],
  ['data_sha256', digest],
  ['produce_ms', nonNegative],
  ['producer', string],
  ['cost_usd', nonNegative],
  ['usage', record(nonNegative)],
  ['blobs', blobList],
  ['redactions', anyList],
  ['upstream', anyList],
];

/**
 * Why a parsed `metadata` value is not valid entry metadata, or undefined when it is. Written by
 * hand rather than with a schema library: it runs on every cache hit and every start of the CLI,
 * where a library's import and parse time would be most of the cost.
 */
export function metadataProblem(metadata: unknown): string | undefined {
  if (!isObject(metadata)) return 'metadata: expected an object';
  for (const [name, check] of REQUIRED) {
    const problem = field(metadata, name, check);
    if (problem) return `metadata.${problem}`;
  }
  const parameters = metadata['parameters'];
  if (!isObject(parameters)) return 'metadata.parameters: expected an object';
  for (const name of ['country', 'genre', 'platform']) {
    const problem = field(parameters, name, string);
    if (problem) return `metadata.parameters.${problem}`;
  }
  for (const [name, check] of OPTIONAL) {
    const problem = field(metadata, name, check, true);
    if (problem) return `metadata.${problem}`;
  }
  if (metadata['format_version'] !== undefined) {
    if (metadata['data_sha256'] === undefined) return 'metadata.data_sha256: required when format_version is set';
    if (metadata['inputs_fingerprint'] === undefined)
      return 'metadata.inputs_fingerprint: required when format_version is set';
  }
  return undefined;
}

export function isBlobRef(value: unknown): value is BlobRef {
  return blobRef(value) === undefined;
}
