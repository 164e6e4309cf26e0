import { createHash } from 'node:crypto';
import type { JsonValue } from './canonical-json.js';
import { InvalidEntryDataError, type CorruptReason } from '../errors.js';
import { metadataProblem, type BlobRef, type EntryMetadata } from './schema.js';
import type { Redaction } from '../secrets/redact.js';

export type { BlobRef, EntryMetadata };

export const FORMAT_VERSION = 1;

export interface ParsedEntry {
  readonly data: JsonValue;
  readonly metadata: EntryMetadata;
  /** Written by the Python version: no fingerprint and no checksum to check. */
  readonly legacy: boolean;
  /**
   * Valid JSON of a valid shape whose data no longer matches `data_sha256`: somebody edited it by
   * hand after it was saved. Served locally with a warning (a person meant it), never trusted from
   * another machine (the shared tier and bundles refuse it).
   */
  readonly edited: boolean;
}

/** Why bytes are not a trustworthy entry; the caller quarantines the file. */
export class EntryParseFailure extends Error {
  constructor(
    readonly reason: CorruptReason,
    readonly detail: string,
  ) {
    super(`${reason}: ${detail}`);
  }
}

const DATA_PREFIX = Buffer.from('{\n  "data": ');
const METADATA_SEPARATOR = Buffer.from(',\n  "metadata": ');

/** The data's JSON text as it stands in the file: nested one level, as in `JSON.stringify(entry, null, 2)`. */
function nestedJson(value: unknown): string | undefined {
  return JSON.stringify(value, null, 2)?.replace(/\n/g, '\n  ');
}

function sha256(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * `value` as the JSON it will be stored as (dates as strings, undefined fields dropped), or
 * InvalidEntryDataError for a value that has no JSON form (undefined, BigInt, cycles).
 */
export function asJson(value: unknown): JsonValue {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (error) {
    throw new InvalidEntryDataError((error as Error).message, { cause: error });
  }
  if (text === undefined) throw new InvalidEntryDataError(`a value of type ${typeof value} is not JSON`);
  return JSON.parse(text) as JsonValue;
}

/** Metadata as a writer gives it; the format version and checksum are added by `serializeEntry`. */
export interface NewEntryMetadata {
  data_type: string;
  parameters: { country: string; genre: string; platform: string };
  saved_timestamp: number;
  saved_datetime: string;
  inputs_fingerprint: string;
  inputs: Record<string, JsonValue>;
  produce_ms?: number;
  producer?: string;
  cost_usd?: number;
  usage?: Record<string, number>;
  blobs?: BlobRef[];
  upstream?: { data_type: string; file: string; data_sha256: string }[];
  redactions?: Redaction[];
}

/**
 * The entry file's bytes: exactly `JSON.stringify({ data, metadata }, null, 2)`, so it reads
 * like the seed's files, with `data_sha256` taken over the data's text in the file so that a
 * reader can check it without serialising the data again.
 */
export function serializeEntry(data: unknown, metadata: NewEntryMetadata): { bytes: Buffer; metadata: EntryMetadata } {
  const dataText = nestedJson(data);
  if (dataText === undefined) throw new InvalidEntryDataError(`a value of type ${typeof data} is not JSON`);
  const full: EntryMetadata = { ...metadata, format_version: FORMAT_VERSION, data_sha256: sha256(dataText) };
  const text = `{\n  "data": ${dataText},\n  "metadata": ${nestedJson(full)}\n}\n`;
  return { bytes: Buffer.from(text), metadata: full };
}

function checksumMatches(bytes: Buffer, data: unknown, expected: string): boolean {
  if (bytes.subarray(0, DATA_PREFIX.length).equals(DATA_PREFIX)) {
    const end = bytes.lastIndexOf(METADATA_SEPARATOR);
    if (end > DATA_PREFIX.length && sha256(bytes.subarray(DATA_PREFIX.length, end)) === expected) return true;
  }
  // The file was re-indented (an editor, CRLF line ends): check the values themselves.
  return sha256(nestedJson(data) ?? '') === expected;
}

/** `knownEdited`: the checksum's outcome for these very bytes, when the caller already knows it. */
export function parseEntry(bytes: Buffer, knownEdited?: boolean): ParsedEntry {
  let document: unknown;
  try {
    document = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw new EntryParseFailure('not_json', `truncated or not JSON (${(error as Error).message})`);
  }
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    throw new EntryParseFailure('schema', 'file: expected an object with data and metadata');
  }
  const { data, metadata } = document as { data?: JsonValue; metadata?: EntryMetadata };
  if (data === undefined) throw new EntryParseFailure('schema', 'data: required');
  const problem = metadataProblem(metadata);
  if (problem || metadata === undefined) throw new EntryParseFailure('schema', problem ?? 'metadata: required');
  const legacy = metadata.format_version === undefined;
  const edited = !legacy && (knownEdited ?? !checksumMatches(bytes, data, metadata.data_sha256 as string));
  return { data, metadata, legacy, edited };
}
