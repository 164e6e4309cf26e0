import { endianness } from 'node:os';
import { deserialize, serialize } from 'node:v8';
import { crc32 } from 'node:zlib';
import {
  BLOB_REF_FLOAT_COLUMNS,
  BLOB_REF_INT_COLUMNS,
  BYTE_COLUMNS,
  DIGEST_LENGTH,
  FLOAT_COLUMNS,
  INT_COLUMNS,
  blobRefColumns,
  headerColumnsOf,
  numericColumns,
  wellFormedBlobs,
  wellFormedHeader,
  type Columns,
  type HeaderColumns,
} from './columns.js';
import type { RowDetailColumns } from './row-details.js';
import type { RowNameColumns } from './row-names.js';

/** The snapshot's format: an older one is read as empty, and the files are indexed again. */
export const SNAPSHOT_FORMAT = 17;

interface Header extends HeaderColumns {
  readonly format: typeof SNAPSHOT_FORMAT;
  readonly rows: number;
  /** The CRC-32 of everything after the header (8 hex digits), checked before the table is used. */
  readonly body_crc32: string;
  /** How many blob digests the text of digests holds (`DIGEST_LENGTH` characters each). */
  readonly digest_count: number;
  /** The length of the rows' names; their details follow. */
  readonly names_bytes: number;
  /** True when no two entry rows share an `entryHash`: then no two files hold one entry. */
  readonly entry_hashes_distinct: boolean;
}

export interface DecodedSnapshot {
  readonly columns: Columns;
  readonly rows: number;
  readonly digestCount: number;
  /** Every blob digest as one run of text, read when first asked for. */
  readonly digests: () => string;
  /** The rows' names, parsed when first asked for (`stats` never asks). */
  readonly names: () => unknown;
  /** The rows' details, parsed when first asked for (neither `list` nor `stats` asks). */
  readonly details: () => unknown;
  readonly entryHashesDistinct: boolean;
}

const NEWLINE = 0x0a;
const SPACE = 0x20;
const FLOATS = { Type: Float64Array, write: 'writeDoubleLE', read: 'readDoubleLE' } as const;
const INTS = { Type: Int32Array, write: 'writeInt32LE', read: 'readInt32LE' } as const;
const BYTES = { Type: Uint8Array, write: 'writeUInt8', read: 'readUInt8' } as const;
/** The numeric columns of rows in the order the snapshot stores them, each group with its byte codec. */
const ROW_GROUPS = [
  { names: FLOAT_COLUMNS, ...FLOATS },
  { names: INT_COLUMNS, ...INTS },
  { names: BYTE_COLUMNS, ...BYTES },
] as const;
/** The columns of blob references, stored after the rows' (from an aligned offset). */
const BLOB_REF_GROUPS = [
  { names: BLOB_REF_FLOAT_COLUMNS, ...FLOATS },
  { names: BLOB_REF_INT_COLUMNS, ...INTS },
] as const;
type ColumnGroup = (typeof ROW_GROUPS)[number] | (typeof BLOB_REF_GROUPS)[number];
type NumericColumnName = ColumnGroup['names'][number];
const ROW_BYTES = bytesPerValue(ROW_GROUPS);
const BLOB_REF_BYTES = bytesPerValue(BLOB_REF_GROUPS);
const ALIGNMENT = Float64Array.BYTES_PER_ELEMENT;
const LITTLE_ENDIAN = endianness() === 'LE';
/** The serialization version this Node writes (its header is 0xFF and the version). */
const SERIALIZATION_VERSION = serialize(null)[1] as number;

/**
 * The index snapshot. Its layout, and why:
 * 1. A header line of JSON: the names table, the sparse columns, the counts of rows, blob
 *    references and blob digests, and whether any two entry rows share an entry hash (as a rule none
 *    do, and then listings look no further for twins).
 * 2. Spaces up to a multiple of 8 bytes, then the rows' numeric columns as little-endian bytes, the
 *    64-bit floats first, then the 32-bit name ids and blob starts, then the one-byte flags; then,
 *    from the next multiple of 8, the blob references' columns (sizes, digest ids, media type ids)
 *    the same way. On a little-endian machine they are read as typed arrays over the file's own
 *    buffer: 10,000 rows of sizes, times and ids cost no parsing and no allocation. As JSON they
 *    were half the time of `stats` in a fresh process, and the 20,000 references of a pipeline's
 *    10,000 entries a tenth of a listing's.
 * 3. A newline, then every blob digest once, in id order, as one run of ASCII text (`BlobDigests`).
 * 4. Each row's file name and saved date in Node's own structured-clone
 *    serialization (`node:v8`), read only when a reader asks for them (`list` does, `stats` does
 *    not). V8 reads a large serialized value straight into its old generation: 20,000 strings that
 *    JSON.parse would make young, and the next collections would copy twice, cost a third fewer
 *    page faults that way. Data written by a newer Node than the reader's is not used (the files
 *    are read again); V8 reads every older version.
 * 5. The rows' details (seed names of renamed files, lineages) in the same serialization, read by
 *    neither `list` nor `stats`: in a cache of the Python version's files, the seed names alone were
 *    most of the header, parsed by every listing.
 * The header records the CRC-32 of everything after it, checked before anything is used.
 * The header is ASCII (every other character escaped) so that it is read as latin1: V8 then copies
 * one-byte text instead of decoding UTF-8. No other kept library fits: JSON alone is several times
 * slower to read, and columnar formats (Arrow, Parquet) cost more to load than this whole read.
 */
export function encodeSnapshot(
  columns: Columns,
  rows: number,
  digests: string,
  names: RowNameColumns,
  details: RowDetailColumns,
  entryHashesDistinct: boolean,
): Buffer {
  const refs = columns.blobRefCount;
  const refsStart = aligned(rows * ROW_BYTES);
  const body = Buffer.alloc(refsStart + refs * BLOB_REF_BYTES + 1);
  writeColumns(ROW_GROUPS, columns, body, 0, rows);
  writeColumns(BLOB_REF_GROUPS, columns, body, refsStart, refs);
  body[body.length - 1] = NEWLINE;
  const digestsSection = Buffer.from(digests, 'latin1');
  const namesSection = serialize({ file: names.file.slice(0, rows), datetime: names.datetime.slice(0, rows) });
  const detailsSection = serialize(details);
  const header: Header = {
    format: SNAPSHOT_FORMAT,
    rows,
    body_crc32: checksum(detailsSection, crc32(namesSection, crc32(digestsSection, crc32(body)))),
    digest_count: digests.length / DIGEST_LENGTH,
    names_bytes: namesSection.length,
    entry_hashes_distinct: entryHashesDistinct,
    ...headerColumnsOf(columns),
  };
  const headerLine = `${asciiJson(header)}\n`;
  const padding = ' '.repeat(aligned(headerLine.length) - headerLine.length);
  return Buffer.concat([
    Buffer.from(headerLine + padding, 'latin1'),
    body,
    digestsSection,
    namesSection,
    detailsSection,
  ]);
}

/** The snapshot's table, or undefined when it is missing, damaged, of another format or inconsistent. */
export function decodeSnapshot(bytes: Buffer): DecodedSnapshot | undefined {
  try {
    const headerEnd = bytes.indexOf(NEWLINE);
    if (headerEnd < 0) return undefined;
    const header = JSON.parse(bytes.toString('latin1', 0, headerEnd)) as Header;
    const rows = header.rows;
    if (header.format !== SNAPSHOT_FORMAT || !Number.isSafeInteger(rows) || rows < 0) return undefined;
    if (!wellFormedHeader(header)) return undefined;
    const bodyStart = aligned(headerEnd + 1);
    for (let at = headerEnd + 1; at < bodyStart; at += 1) if (bytes[at] !== SPACE) return undefined;
    const refsStart = bodyStart + aligned(rows * ROW_BYTES);
    const digestsStart = refsStart + header.blobRefCount * BLOB_REF_BYTES + 1;
    const digestCount = header.digest_count;
    if (!Number.isSafeInteger(digestCount) || digestCount < 0) return undefined;
    const namesStart = digestsStart + digestCount * DIGEST_LENGTH;
    const detailsStart = namesStart + header.names_bytes;
    if (!Number.isSafeInteger(header.names_bytes) || bytes.length < detailsStart) return undefined;
    if (typeof header.entry_hashes_distinct !== 'boolean') return undefined;
    if (bytes[digestsStart - 1] !== NEWLINE) return undefined;
    if (checksum(bytes.subarray(bodyStart)) !== header.body_crc32) return undefined;
    const namesSection = bytes.subarray(namesStart, detailsStart);
    const detailsSection = bytes.subarray(detailsStart);
    if (!readableSerialization(namesSection) || !readableSerialization(detailsSection)) return undefined;
    const columns: Columns = { ...numericColumns(0), ...blobRefColumns(0), ...headerColumnsOf(header) };
    readColumns(ROW_GROUPS, bytes, bodyStart, rows, columns);
    readColumns(BLOB_REF_GROUPS, bytes, refsStart, header.blobRefCount, columns);
    if (!wellFormedBlobs(columns, rows, digestCount)) return undefined;
    return {
      columns,
      rows,
      digestCount,
      digests: () => bytes.toString('latin1', digestsStart, namesStart),
      names: () => deserialize(namesSection),
      details: () => deserialize(detailsSection),
      entryHashesDistinct: header.entry_hashes_distinct,
    };
  } catch {
    return undefined;
  }
}

function bytesPerValue(groups: readonly ColumnGroup[]): number {
  return groups.reduce((sum, group) => sum + group.names.length * group.Type.BYTES_PER_ELEMENT, 0);
}

/** The first `count` values of each column of `groups`, one column after the other from `offset`. */
function writeColumns(
  groups: readonly ColumnGroup[],
  columns: Columns,
  body: Buffer,
  offset: number,
  count: number,
): void {
  for (const group of groups) {
    for (const name of group.names) {
      writeColumn(group, columns[name as NumericColumnName], body, offset, count);
      offset += count * group.Type.BYTES_PER_ELEMENT;
    }
  }
}

/** Each column of `groups` into `columns`, `count` values each, as `writeColumns` laid them out from `offset`. */
function readColumns(
  groups: readonly ColumnGroup[],
  bytes: Buffer,
  offset: number,
  count: number,
  columns: Columns,
): void {
  const into = columns as unknown as Record<NumericColumnName, Float64Array | Int32Array | Uint8Array>;
  for (const group of groups) {
    for (const name of group.names) {
      into[name as NumericColumnName] = numericColumn(group, bytes, offset, count);
      offset += count * group.Type.BYTES_PER_ELEMENT;
    }
  }
}

/** A column's first `rows` values into `body` at `offset`: copied whole where the bytes are aligned little-endian. */
function writeColumn(
  group: ColumnGroup,
  column: Float64Array | Int32Array | Uint8Array,
  body: Buffer,
  offset: number,
  rows: number,
): void {
  const width = group.Type.BYTES_PER_ELEMENT;
  const start = body.byteOffset + offset;
  if (LITTLE_ENDIAN && start % width === 0) {
    new group.Type(body.buffer as ArrayBuffer, start, rows).set(column.subarray(0, rows));
    return;
  }
  for (let row = 0; row < rows; row += 1) body[group.write](column[row] as number, offset + row * width);
}

/** A view on the snapshot's own bytes where they are aligned little-endian, a decoded copy otherwise. */
function numericColumn(
  group: ColumnGroup,
  bytes: Buffer,
  offset: number,
  rows: number,
): Float64Array | Int32Array | Uint8Array {
  const width = group.Type.BYTES_PER_ELEMENT;
  const start = bytes.byteOffset + offset;
  if (LITTLE_ENDIAN && start % width === 0) return new group.Type(bytes.buffer as ArrayBuffer, start, rows);
  const column = new group.Type(rows);
  for (let row = 0; row < rows; row += 1) column[row] = bytes[group.read](offset + row * width);
  return column;
}

/** Written by this Node's serializer or an older one (a version past 127 takes two bytes: newer still). */
function readableSerialization(bytes: Buffer): boolean {
  const version = bytes[1];
  return bytes[0] === 0xff && version !== undefined && version < 0x80 && version <= SERIALIZATION_VERSION;
}

/**
 * A CRC-32 as 8 hex digits (`crc32` continues from `running`). A checksum against damage (a torn
 * write, a bad disk block), as databases checksum their pages: the snapshot is a cache of the files
 * and is never trusted for more than they say. Over the 1.3 MB snapshot of 10,000 entries, SHA-256
 * took 1.4 ms more than CRC-32 in every listing, a few percent of its time.
 */
function checksum(bytes: Uint8Array, running?: number): string {
  return crc32(bytes, running).toString(16).padStart(8, '0');
}

function aligned(length: number): number {
  return Math.ceil(length / ALIGNMENT) * ALIGNMENT;
}

/**
 * JSON with every character past ASCII escaped, so that the header can be read as latin1: V8
 * copies one-byte text instead of decoding UTF-8 (when the whole snapshot was JSON, that halved its
 * read). JSON.parse gives back the same strings.
 */
function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[\u007f-\uffff]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
