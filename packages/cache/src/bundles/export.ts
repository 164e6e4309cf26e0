import { createHash } from 'node:crypto';
import { createWriteStream, readFileSync, renameSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { tempPathFor, unlinkQuietly } from '../files/atomic-file.js';
import {
  BUNDLE_FORMAT,
  BUNDLE_FORMAT_VERSION,
  MANIFEST_MEMBER,
  blobMember,
  entryMember,
  type BundleManifest,
} from './format.js';
import { BundleExportError } from './errors.js';
import { contextOf, type Cache } from '../cache.js';
import type { CacheContext } from '../context.js';
import { EntryParseFailure, parseEntry, type BlobRef, type EntryMetadata } from '../entries/format.js';
import type { EntryFilter } from '../entries/filter.js';
import { localDateTime } from '../options/quantities.js';
import { endOfArchive, fileHeader, padding } from './tar-members.js';

export interface ExportReport {
  /** The bundle written. */
  readonly file: string;
  /** Entry files in the bundle. */
  readonly entries: string[];
  readonly blob_count: number;
  readonly blob_bytes: number;
  /** Size of the .tar.gz. */
  readonly archive_bytes: number;
  /** Matching entries left out, and why (corrupt, or a blob missing locally). */
  readonly skipped: { file: string; reason: string }[];
}

interface ExportedEntry {
  readonly file: string;
  readonly bytes: Buffer;
  readonly savedTimestamp: number;
}

/**
 * Write the entries matching `filter` (all of them without one) and the blobs they refer to
 * into a gzipped tar bundle at `file`, for `importBundle` on another machine. Blobs are
 * streamed, never held in memory, and checked against their digest on the way; the bundle
 * appears at `file` only when it is complete.
 */
export async function exportBundle(cache: Cache, file: string, filter: EntryFilter = {}): Promise<ExportReport> {
  const context = contextOf(cache);
  const skipped: ExportReport['skipped'] = [];
  const entries: ExportedEntry[] = [];
  const blobs = new Map<string, BlobRef>();
  const manifest: BundleManifest = {
    format: BUNDLE_FORMAT,
    format_version: BUNDLE_FORMAT_VERSION,
    created_timestamp: Date.now() / 1000,
    created_datetime: localDateTime(new Date()),
    entries: [],
    blobs: [],
  };

  for (const listed of cache.list(filter).files.sort((a, b) => (a.filename < b.filename ? -1 : 1))) {
    const chosen = readExportable(context, listed.filename);
    if (!('bytes' in chosen)) {
      skipped.push({ file: listed.filename, reason: chosen.reason });
      continue;
    }
    const { bytes, metadata } = chosen;
    const refs = metadata.blobs ?? [];
    const missing = refs.find((ref) => !context.blobs.has(ref));
    if (missing) {
      skipped.push({ file: listed.filename, reason: `its blob sha256:${missing.sha256} is missing from the cache` });
      continue;
    }
    for (const ref of refs) blobs.set(ref.sha256, ref);
    entries.push({ file: listed.filename, bytes, savedTimestamp: metadata.saved_timestamp });
    manifest.entries.push({
      file: listed.filename,
      data_type: metadata.data_type,
      parameters: {
        country: metadata.parameters.country,
        genre: metadata.parameters.genre,
        platform: metadata.parameters.platform,
      },
      saved_timestamp: metadata.saved_timestamp,
      bytes: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      blobs: refs.map((ref) => ref.sha256),
    });
  }
  manifest.blobs = [...blobs.values()].map((ref) => ({
    sha256: ref.sha256,
    bytes: ref.bytes,
    media_type: ref.media_type,
  }));

  const target = resolve(file);
  await mkdir(dirname(target), { recursive: true });
  const temp = tempPathFor(target);
  try {
    await pipeline(
      Readable.from(members(context, file, manifest, entries, [...blobs.values()])),
      createGzip(),
      createWriteStream(temp, { flags: 'wx' }),
    );
    renameSync(temp, target);
  } catch (error) {
    unlinkQuietly(temp);
    throw error;
  }
  return {
    file,
    entries: entries.map((entry) => entry.file),
    blob_count: blobs.size,
    blob_bytes: [...blobs.values()].reduce((sum, ref) => sum + ref.bytes, 0),
    archive_bytes: statSync(target).size,
    skipped,
  };
}

type Exportable = { bytes: Buffer; metadata: EntryMetadata } | { reason: string };

function readExportable(context: CacheContext, file: string): Exportable {
  let bytes: Buffer;
  try {
    bytes = readFileSync(join(context.layout.root, file));
  } catch (error) {
    return { reason: `cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` };
  }
  try {
    const entry = parseEntry(bytes);
    if (entry.edited) {
      return {
        reason:
          'it was edited by hand after it was saved (its data does not match data_sha256); produce it again to export it',
      };
    }
    return { bytes, metadata: entry.metadata };
  } catch (error) {
    if (error instanceof EntryParseFailure) return { reason: `it is corrupt (${error.reason}: ${error.detail})` };
    throw error;
  }
}

async function* members(
  context: CacheContext,
  file: string,
  manifest: BundleManifest,
  entries: readonly ExportedEntry[],
  blobs: readonly BlobRef[],
): AsyncGenerator<Buffer> {
  const now = new Date();
  const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
  yield fileHeader(MANIFEST_MEMBER, manifestBytes.length, now);
  yield manifestBytes;
  yield padding(manifestBytes.length);
  for (const entry of entries) {
    yield fileHeader(entryMember(entry.file), entry.bytes.length, new Date(entry.savedTimestamp * 1000));
    yield entry.bytes;
    yield padding(entry.bytes.length);
  }
  for (const ref of blobs) {
    yield fileHeader(blobMember(ref.sha256), ref.bytes, now);
    const hash = createHash('sha256');
    let bytes = 0;
    for await (const chunk of context.blobs.openRead(ref.sha256) as AsyncIterable<Buffer>) {
      // The header already promised ref.bytes: more would corrupt the archive, so stop here.
      if (bytes + chunk.length > ref.bytes)
        throw new BundleExportError(file, `blob sha256:${ref.sha256} grew while it was exported`);
      hash.update(chunk);
      bytes += chunk.length;
      yield chunk;
    }
    if (bytes !== ref.bytes || hash.digest('hex') !== ref.sha256) {
      throw new BundleExportError(file, `blob sha256:${ref.sha256} does not match its digest`);
    }
    yield padding(ref.bytes);
  }
  yield endOfArchive();
}
