import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { JsonValue } from './canonical-json.js';
import { InvalidEntryDataError, type CorruptReason } from './errors.js';

export const FORMAT_VERSION = 1;

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lower-case hex characters');

export const blobRefSchema = z.object({
  sha256: sha256Hex,
  bytes: z.number().int().nonnegative(),
  media_type: z.string().min(1),
});

/** A binary asset an entry refers to by digest; the bytes live once under `blobs/`. */
export type BlobRef = z.infer<typeof blobRefSchema>;

const parametersSchema = z.looseObject({
  country: z.string(),
  genre: z.string(),
  platform: z.string(),
});

/**
 * The seed's metadata (data_type, parameters, saved_timestamp, saved_datetime) plus the fields
 * this version adds. A file without `format_version` is a legacy entry from the Python version.
 * Unknown fields are kept, so a newer writer's additions survive an older reader.
 */
export const entryMetadataSchema = z
  .looseObject({
    data_type: z.string().min(1),
    parameters: parametersSchema,
    saved_timestamp: z.number().nonnegative(),
    saved_datetime: z.string(),
    format_version: z.number().int().positive().optional(),
    inputs_fingerprint: z.string().optional(),
    inputs: z.record(z.string(), z.json()).optional(),
    data_sha256: sha256Hex.optional(),
    produce_ms: z.number().nonnegative().optional(),
    producer: z.string().optional(),
    cost_usd: z.number().nonnegative().optional(),
    usage: z.record(z.string(), z.number()).optional(),
    blobs: z.array(blobRefSchema).optional(),
  })
  .superRefine((metadata, context) => {
    if (metadata.format_version === undefined) return;
    if (metadata.data_sha256 === undefined) {
      context.addIssue({ code: 'custom', message: 'data_sha256 is required when format_version is set' });
    }
    if (metadata.inputs_fingerprint === undefined) {
      context.addIssue({ code: 'custom', message: 'inputs_fingerprint is required when format_version is set' });
    }
  });

export type EntryMetadata = z.infer<typeof entryMetadataSchema>;

// `data` came out of JSON.parse, so it is JSON already; walking it again would only cost time.
const envelopeSchema = z.object({
  data: z.custom<JsonValue>((value) => value !== undefined, 'data is missing'),
  metadata: entryMetadataSchema,
});

export interface ParsedEntry {
  readonly data: JsonValue;
  readonly metadata: EntryMetadata;
  /** Written by the Python version: no fingerprint and no checksum to check. */
  readonly legacy: boolean;
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
}

/**
 * The entry file's bytes: exactly `JSON.stringify({ data, metadata }, null, 2)`, so it reads
 * like the seed's files, with `data_sha256` taken over the data's text in the file so that a
 * reader can check it without serialising the data again.
 */
export function serializeEntry(data: unknown, metadata: NewEntryMetadata): { bytes: Buffer; metadata: EntryMetadata } {
  let dataText: string | undefined;
  try {
    dataText = nestedJson(data);
  } catch (error) {
    throw new InvalidEntryDataError((error as Error).message, { cause: error });
  }
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

export function parseEntry(bytes: Buffer): ParsedEntry {
  let document: unknown;
  try {
    document = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw new EntryParseFailure('not_json', `truncated or not JSON (${(error as Error).message})`);
  }
  const parsed = envelopeSchema.safeParse(document);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new EntryParseFailure('schema', `${issue?.path.join('.') || 'file'}: ${issue?.message ?? 'invalid'}`);
  }
  const { data, metadata } = parsed.data;
  const legacy = metadata.format_version === undefined;
  if (!legacy && !checksumMatches(bytes, data, metadata.data_sha256 as string)) {
    throw new EntryParseFailure('checksum', 'data does not match data_sha256 (edited or damaged)');
  }
  return { data, metadata, legacy };
}
