import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { IndexedEntry } from './record.js';
import { IndexTable } from './table.js';

function record(i: number, extra: Partial<IndexedEntry> = {}): IndexedEntry {
  return {
    file: `assets_c${i}_horror_netflix.json`,
    kind: 'entry',
    identity: { ino: 1000 + i, size: 200 + i, mtimeMs: 1_796_000_000_000.25 + i },
    data_type: 'assets',
    parameters: { country: `C${i % 3}`, genre: 'Épouvante', platform: 'Netflix' },
    saved_timestamp: 1_796_000_000.125 + i,
    saved_datetime: `2026-12-02 00:00:0${i}`,
    size_bytes: 200 + i,
    blobs: i % 2 ? [{ sha256: 'a'.repeat(64), bytes: 5_000_000_000, media_type: 'video/mp4' }] : [],
    legacy: i === 1,
    edited: false,
    ...(i % 2 === 0 && { producer: 'écrivain', produce_ms: 1234 + i, cost_usd: 0.0125 }),
    ...extra,
  };
}

function entries(table: IndexTable): IndexedEntry[] {
  return Array.from({ length: table.size }, (_, row) => table.entry(row));
}

describe('the index snapshot', () => {
  const records = [
    ...Array.from({ length: 7 }, (_, i) => record(i)),
    record(7, { kind: 'corrupt', corrupt: 'checksum', identity: undefined }),
    record(8, { stale_reasons: ['inputs changed: num_movies'], primary: 'assets_c2_horror_netflix.json' }),
    record(9, { kind: 'foreign', upstream: ['script_result_c0_horror_netflix.json'] }),
  ];

  it('reads back every field of every row, at any alignment of the buffer it is read from', () => {
    const bytes = IndexTable.encode(records);
    const expected = [...records].sort((a, b) => b.saved_timestamp - a.saved_timestamp);
    for (const shift of [0, 1, 3, 4]) {
      const shifted = Buffer.alloc(bytes.length + shift).subarray(shift);
      bytes.copy(shifted);
      expect(entries(IndexTable.decode(shifted))).toEqual(expected);
    }
  });

  it('takes rows appended after it was read, past the room it was read with', () => {
    const table = IndexTable.decode(IndexTable.encode(records.slice(0, 3)));
    const added = Array.from({ length: 40 }, (_, i) => record(100 + i));
    for (const entry of added) table.append(entry);
    expect(table.size).toBe(43);
    expect(entries(table).slice(3)).toEqual(added);
    expect(entries(IndexTable.decode(IndexTable.encode(entries(table)))).length).toBe(43);
  });

  it('keeps the details of rows appended before its own details were read', () => {
    const expected = [...records].sort((a, b) => b.saved_timestamp - a.saved_timestamp);
    const added = [
      record(200, { primary: 'assets_c2_horror_netflix.json', upstream: ['script_result_c2_horror_netflix.json'] }),
      record(201),
    ];
    const table = IndexTable.decode(IndexTable.encode(records));
    for (const entry of added) table.append(entry);
    expect(table.primary(records.length)).toBe('assets_c2_horror_netflix.json');
    expect(entries(table)).toEqual([...expected, ...added]);
    const table2 = IndexTable.decode(IndexTable.encode(records));
    expect(table2.upstream(expected.findIndex((entry) => entry.upstream))).toEqual(records[9]?.upstream);
    for (const entry of added) table2.append(entry);
    expect(entries(table2)).toEqual([...expected, ...added]);
    expect(entries(IndexTable.decode(IndexTable.encode(entries(table2))))).toEqual(
      [...expected, ...added].sort((a, b) => b.saved_timestamp - a.saved_timestamp),
    );
  });

  it('keeps each digest once, and each reference its own bytes and media type, through appends', () => {
    const digest = (n: number) => n.toString(16).padStart(64, '0');
    const blob = (n: number, media_type = 'image/png', bytes = 100 + n) => ({ sha256: digest(n), bytes, media_type });
    const withBlobs = [
      record(0, { blobs: [blob(1), blob(2, 'video/mp4')] }),
      record(1, { blobs: [] }),
      record(2, { blobs: [blob(2, 'application/octet-stream'), blob(1), blob(3)] }),
      record(3, { blobs: [blob(1)] }),
    ];
    const ordered = [...withBlobs].sort((a, b) => b.saved_timestamp - a.saved_timestamp);
    const bytes = IndexTable.encode(withBlobs);
    const header = JSON.parse(bytes.toString('latin1', 0, bytes.indexOf(0x0a))) as { digest_count: number };
    expect(header.digest_count).toBe(3);
    const table = IndexTable.decode(bytes);
    expect(entries(table)).toEqual(ordered);
    // Rows appended after the read refer to digests the snapshot holds, and to new ones.
    const added = [record(10, { blobs: [blob(3, 'image/jpeg', 7), blob(4)] }), record(11)];
    for (const entry of added) table.append(entry);
    expect(entries(table)).toEqual([...ordered, ...added]);
    expect(table.digestCount).toBe(5);
    expect(table.blobDigestsOf(ordered.length)).toEqual([digest(3), digest(4)]);
    expect(entries(IndexTable.decode(IndexTable.encode(entries(table))))).toEqual(
      [...ordered, ...added].sort((a, b) => b.saved_timestamp - a.saved_timestamp),
    );
  });

  it('reads as empty when damaged, truncated or of another format', () => {
    const bytes = IndexTable.encode(records);
    const headerEnd = bytes.indexOf(0x0a);
    const flipped = Buffer.from(bytes);
    flipped[bytes.length - 5] = (flipped[bytes.length - 5] as number) ^ 0x01;
    const older = Buffer.from(bytes.toString('latin1').replace('"format":17', '"format":16'), 'latin1');
    for (const damaged of [flipped, bytes.subarray(0, headerEnd + 100), bytes.subarray(0, headerEnd), older]) {
      expect(IndexTable.decode(damaged).size).toBe(0);
    }
    expect(IndexTable.decode(bytes).size).toBe(records.length);
  });

  it('reads as empty when a count in its header does not match its sections', () => {
    const digest = (n: number) => n.toString(16).padStart(64, '0');
    const withBlobs = records.map((entry, i) => ({
      ...entry,
      blobs: [{ sha256: digest(i), bytes: 5 + i, media_type: 'image/png' }],
    }));
    const text = IndexTable.encode(withBlobs).toString('latin1');
    expect(IndexTable.decode(Buffer.from(text, 'latin1')).size).toBe(records.length);
    for (const count of ['rows', 'blobRefCount', 'digest_count']) {
      const field = `"${count}":${records.length}`;
      expect(text).toContain(field);
      for (const wrong of [records.length - 1, records.length + 1, -1, 1.5]) {
        const damaged = Buffer.from(text.replace(field, `"${count}":${wrong}`), 'latin1');
        expect(IndexTable.decode(damaged).size, `${count}: ${wrong}`).toBe(0);
      }
    }
  });

  it('reads as empty when its names were serialized by a newer Node than this one', () => {
    const bytes = IndexTable.encode(records);
    const headerEnd = bytes.indexOf(0x0a);
    const header = JSON.parse(bytes.toString('latin1', 0, headerEnd)) as {
      rows: number;
      blobRefCount: number;
      digest_count: number;
      body_crc32: string;
      names_bytes: number;
    };
    const aligned = (offset: number) => Math.ceil(offset / 8) * 8;
    const bodyStart = aligned(headerEnd + 1);
    // Per row: six 64-bit floats, five 32-bit name ids, a 32-bit blob start, a 32-bit entry hash and
    // four one-byte flags; per blob reference, a 64-bit size, a 32-bit digest id and a 32-bit type id.
    expect(header.blobRefCount).toBe(records.filter((entry) => entry.blobs.length > 0).length);
    // Then the digests, 64 characters each.
    const namesStart = bodyStart + aligned(header.rows * 80) + header.blobRefCount * 16 + 1 + header.digest_count * 64;
    const digestAt = bytes.indexOf(`"body_crc32":"${header.body_crc32}"`, 0, 'latin1') + '"body_crc32":"'.length;
    // The names, then the details: each is refused when a newer Node serialized it.
    for (const sectionStart of [namesStart, namesStart + header.names_bytes]) {
      expect(bytes[sectionStart]).toBe(0xff);
      const newer = Buffer.from(bytes);
      newer[sectionStart + 1] = (newer[sectionStart + 1] as number) + 1;
      const digest = crc32(newer.subarray(bodyStart)).toString(16).padStart(8, '0');
      newer.write(digest, digestAt, 'latin1');
      expect(IndexTable.decode(newer).size).toBe(0);
      newer[sectionStart + 1] = (newer[sectionStart + 1] as number) - 1;
      newer.write(header.body_crc32, digestAt, 'latin1');
      expect(IndexTable.decode(newer).size).toBe(records.length);
    }
  });
});
