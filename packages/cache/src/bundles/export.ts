import { createHash } from 'node:crypto';
import { createWriteStream, readFileSync, renameSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { Transform } from 'node:stream';
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
import { lockOptions } from '../housekeeping/clear.js';
import { describeSecrets } from '../secrets/findings.js';
import { withLockAsync } from '../housekeeping/lock.js';
import { EntryParseFailure, parseEntry, type BlobRef, type EntryMetadata } from '../entries/format.js';
import type { EntryFilter } from '../entries/filter.js';
import { entryFileName } from '../entries/name.js';
import { localDateTime } from '../options/quantities.js';
import { pack, type Header, type Pack } from 'tar-stream';

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
  /** The entry file's name here. */
  readonly file: string;
  /** Its name in the bundle: the seed name of what it holds, whatever it is called here (a Python-era name). */
  readonly member: string;
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
  // Housekeeping in another process waits while the entries and blobs are read.
  return withLockAsync(context.layout.locks, 'housekeeping', lockOptions(context, 'export'), () =>
    exportLocked(context, cache, file, filter),
  );
}

async function exportLocked(
  context: CacheContext,
  cache: Cache,
  file: string,
  filter: EntryFilter,
): Promise<ExportReport> {
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
    const member = entryFileName(metadata.data_type, metadata.parameters);
    entries.push({ file: listed.filename, member, bytes, savedTimestamp: metadata.saved_timestamp });
    manifest.entries.push({
      file: member,
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
    await writeArchive(context, file, temp, manifest, entries, [...blobs.values()]);
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
    const secrets = describeSecrets(context, entry);
    if (secrets) {
      return {
        reason: `it holds a secret at ${secrets}; run \`streamgank cache verify --fix\` to redact it, then export again`,
      };
    }
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

/**
 * Write the archive: the manifest first (an importer checks everything after it against it), then
 * the entries, then each blob streamed from the store and checked against its digest on the way.
 * Owners and modes are fixed, so a bundle says nothing about the machine that made it.
 */
async function writeArchive(
  context: CacheContext,
  file: string,
  temp: string,
  manifest: BundleManifest,
  entries: readonly ExportedEntry[],
  blobs: readonly BlobRef[],
): Promise<void> {
  const archive = pack();
  const written = pipeline(archive, createGzip(), createWriteStream(temp, { flags: 'wx' }));
  const header = (name: string, size: number, mtime: Date) => ({
    name,
    size,
    mtime,
    mode: 0o644,
    uid: 0,
    gid: 0,
    uname: '',
    gname: '',
    type: 'file' as const,
  });
  try {
    const now = new Date();
    const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
    await addMember(archive, header(MANIFEST_MEMBER, manifestBytes.length, now), manifestBytes);
    for (const entry of entries) {
      await addMember(
        archive,
        header(entryMember(entry.member), entry.bytes.length, new Date(entry.savedTimestamp * 1000)),
        entry.bytes,
      );
    }
    for (const ref of blobs) {
      const sink = archive.entry(header(blobMember(ref.sha256), ref.bytes, now));
      await pipeline(
        context.blobs.openRead(ref.sha256),
        checkedBlob(file, ref),
        sink as unknown as NodeJS.WritableStream,
      );
    }
    archive.finalize();
    await written;
  } catch (error) {
    archive.destroy(error as Error);
    await written.catch(() => undefined);
    throw error;
  }
}

function addMember(archive: Pack, header: Partial<Header> & Pick<Header, 'name'>, body: Buffer): Promise<void> {
  return new Promise((resolve, reject) => archive.entry(header, body, (error) => (error ? reject(error) : resolve())));
}

/** Pass a blob's bytes on, failing the export if they are not the bytes its digest names. */
function checkedBlob(file: string, ref: BlobRef): Transform {
  const hash = createHash('sha256');
  let bytes = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      // The member's header already promised ref.bytes: more would corrupt the archive.
      if (bytes > ref.bytes)
        return callback(new BundleExportError(file, `blob sha256:${ref.sha256} grew while it was exported`));
      hash.update(chunk);
      callback(null, chunk);
    },
    flush(callback) {
      if (bytes !== ref.bytes || hash.digest('hex') !== ref.sha256) {
        return callback(new BundleExportError(file, `blob sha256:${ref.sha256} does not match its digest`));
      }
      callback();
    },
  });
}
