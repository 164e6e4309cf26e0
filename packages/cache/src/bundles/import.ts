import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, statfsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { unlinkQuietly } from '../files/atomic-file.js';
import { BUNDLE_FORMAT_VERSION, blobMember, manifestSchema, type BundleManifest } from './format.js';
import { InvalidBundleError } from './errors.js';
import { bundleLimits, type BundleLimits, type ResolvedBundleLimits } from './limits.js';
import { discardStaged, readBundle, type ReadBundle } from './reader.js';
import { contextOf, type Cache } from '../cache.js';
import type { CacheContext } from '../context.js';
import { EntryParseFailure, parseEntry, type ParsedEntry } from '../entries/format.js';
import { entryFileName, legacyEntryFileName } from '../entries/name.js';
import { isNotFoundError } from '../errors.js';
import { installEntry } from '../entries/write.js';
import { quarantineFile } from '../housekeeping/quarantine.js';

export interface ImportReport {
  /** The bundle read. */
  readonly file: string;
  /** Entry files now in the cache from the bundle (new ones and replaced older ones). */
  readonly added: string[];
  /** Those of `added` that replaced an older local entry. */
  readonly replaced: string[];
  /** Entries of the bundle not imported, and why (identical or newer locally, damaged, blob missing…). */
  /** `kept_local`: the local copy was identical or as new, so nothing needed importing. */
  readonly skipped: { file: string; reason: string; kept_local: boolean }[];
  /** Archive members refused outright: links, paths outside the cache, unexpected names, wrong bytes. */
  readonly refused: { path: string; reason: string }[];
  /** Blobs written into the cache. */
  readonly blobs_added: number;
  /** Why the archive ended early, when it did; everything whole before that point was still imported. */
  readonly damaged?: string;
}

/**
 * Import a bundle made by `exportBundle`. Every entry is checked like a local file (format,
 * checksum, its name against its content, its digest against the manifest) and every blob
 * against its digest; members that are not plain files with the expected names are refused.
 * Files are only ever written where the cache itself would put them (entry files by their
 * metadata, blobs by their digest), atomically. A local entry that is newer than, or identical
 * to, the bundle's is kept. A partly bad bundle imports its good part and reports the rest.
 */
export async function importBundle(cache: Cache, file: string, options: ImportOptions = {}): Promise<ImportReport> {
  const context = contextOf(cache);
  const stats = statSync(file, { throwIfNoEntry: false });
  if (!stats?.isFile()) throw new InvalidBundleError(file, 'there is no such file');
  const limits = bundleLimits(options.limits);
  mkdirSync(context.layout.root, { recursive: true });
  const read = await readBundle(file, {
    blobTemp: context.layout.blobTemp,
    limits,
    acceptManifest: (bytes) => acceptManifest(context, file, bytes, limits),
  });
  try {
    return install(context, file, read.manifest, read);
  } finally {
    discardStaged(read);
  }
}

export interface ImportOptions {
  /** What a bundle may hold; see BundleLimits for the defaults. */
  readonly limits?: BundleLimits;
}

/**
 * Check a manifest before any other member is read: its shape and format, the sizes it declares
 * against the limits, and the space they need against the free space of the cache's file system.
 */
function acceptManifest(
  context: CacheContext,
  file: string,
  bytes: Buffer,
  limits: ResolvedBundleLimits,
): BundleManifest {
  let document: unknown;
  try {
    document = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new InvalidBundleError(file, 'its manifest.json is not JSON');
  }
  const version = (document as { format_version?: unknown } | null)?.format_version;
  if (typeof version === 'number' && version > BUNDLE_FORMAT_VERSION) {
    throw new InvalidBundleError(
      file,
      `it was made by a newer StreamGank (bundle format ${version}); update to import it`,
    );
  }
  const parsed = manifestSchema.safeParse(document);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InvalidBundleError(
      file,
      `its manifest.json is invalid (${issue?.path.join('.') || 'manifest'}: ${issue?.message ?? 'invalid'})`,
    );
  }
  const manifest = parsed.data;
  const members = 1 + manifest.entries.length + manifest.blobs.length;
  if (members > limits.maxMembers)
    throw new InvalidBundleError(file, `it declares ${members} members, over the limit of ${limits.maxMembers}`);
  const oversize = manifest.blobs.find((blob) => blob.bytes > limits.maxBlobBytes);
  if (oversize) {
    throw new InvalidBundleError(
      file,
      `its blob ${oversize.sha256} is ${oversize.bytes} bytes, over the limit of ${limits.maxBlobBytes}`,
    );
  }
  const bigEntry = manifest.entries.find((entry) => entry.bytes > limits.maxEntryBytes);
  if (bigEntry) {
    throw new InvalidBundleError(
      file,
      `its entry ${bigEntry.file} is ${bigEntry.bytes} bytes, over the limit of ${limits.maxEntryBytes}`,
    );
  }
  const declared =
    manifest.blobs.reduce((sum, blob) => sum + blob.bytes, 0) +
    manifest.entries.reduce((sum, entry) => sum + entry.bytes, 0);
  if (declared > limits.maxTotalBytes) {
    throw new InvalidBundleError(
      file,
      `its members add up to ${declared} bytes, over the limit of ${limits.maxTotalBytes}`,
    );
  }
  const free = freeBytes(context.layout.root);
  if (free !== undefined && declared > free) {
    throw new InvalidBundleError(
      file,
      `it needs ${declared} bytes and the cache's disk has ${free} free; free some space first`,
    );
  }
  return manifest;
}

/** Free bytes for an unprivileged writer on the file system holding `directory`, when the platform says. */
function freeBytes(directory: string): number | undefined {
  try {
    const stats = statfsSync(directory);
    return stats.bavail * stats.bsize;
  } catch {
    return undefined;
  }
}

function install(context: CacheContext, file: string, manifest: BundleManifest, read: ReadBundle): ImportReport {
  const added: string[] = [];
  const replaced: string[] = [];
  const skipped: ImportReport['skipped'] = [];
  const adopted = new Set<string>();
  const listed = new Set(manifest.entries.map((entry) => entry.file));
  const cutShort = read.damage ? ' (the archive is truncated or damaged)' : '';

  for (const described of manifest.entries) {
    const bytes = read.entries.get(described.file);
    const skip = (reason: string, keptLocal = false) =>
      skipped.push({ file: described.file, reason, kept_local: keptLocal });
    if (!bytes) {
      skip(`not in the bundle${cutShort}`);
      continue;
    }
    if (bytes.length !== described.bytes || createHash('sha256').update(bytes).digest('hex') !== described.sha256) {
      skip('its bytes do not match the manifest');
      continue;
    }
    let entry: ParsedEntry;
    try {
      entry = parseEntry(bytes);
    } catch (error) {
      if (!(error instanceof EntryParseFailure)) throw error;
      skip(`it is corrupt (${error.reason}: ${error.detail})`);
      continue;
    }
    if (entry.edited) {
      skip('its data does not match its data_sha256 (edited or damaged after it was saved)');
      continue;
    }
    if (!namedAfterContent(described.file, entry)) {
      skip(
        `its name does not match what it holds (${entry.metadata.data_type} for ${Object.values(entry.metadata.parameters).join('/')})`,
      );
      continue;
    }
    const missing = (entry.metadata.blobs ?? []).find((ref) => {
      const staged = read.blobs.get(ref.sha256);
      return !(staged?.bytes === ref.bytes || context.blobs.has(ref));
    });
    if (missing) {
      skip(`its blob sha256:${missing.sha256} is missing from the bundle or damaged${cutShort}`);
      continue;
    }
    const local = compareWithLocal(context, described.file, bytes, entry);
    if (local.keep) {
      skip(local.keep, true);
      continue;
    }
    for (const ref of entry.metadata.blobs ?? []) {
      const staged = read.blobs.get(ref.sha256);
      if (!staged || adopted.has(ref.sha256)) continue;
      if (context.blobs.has(ref)) unlinkQuietly(staged.temp);
      else context.blobs.adoptSync(staged.temp, ref.sha256);
      adopted.add(ref.sha256);
    }
    if (local.corrupt) quarantineFile(context.layout, join(context.layout.root, described.file), 'replaced_by_import');
    const installed = installEntry(context, { ...entry, bytes }, { what: 'importing' });
    if (installed.candidate) {
      skip(`the local entry is pinned; the bundle's version was kept as a candidate in its history`, true);
      continue;
    }
    if (!installed.metadata) {
      skip('the cache cannot be written');
      continue;
    }
    added.push(installed.file);
    if (local.older) replaced.push(described.file);
  }
  for (const extra of read.entries.keys()) {
    if (!listed.has(extra)) skipped.push({ file: extra, reason: 'not listed in the manifest', kept_local: false });
  }
  const refused = [...read.refused];
  const needed = new Set(manifest.entries.flatMap((entry) => entry.blobs));
  for (const blob of read.blobs.values()) {
    if (!needed.has(blob.sha256))
      refused.push({ path: blobMember(blob.sha256), reason: 'no entry of the bundle refers to it' });
  }
  for (const sha256 of adopted) read.blobs.delete(sha256);
  return {
    file,
    added,
    replaced,
    skipped,
    refused,
    blobs_added: [...adopted].length,
    ...(read.damage && { damaged: read.damage }),
  };
}

/** An entry file must carry the name the cache would give its content, or lookups would never find it. */
function namedAfterContent(file: string, entry: ParsedEntry): boolean {
  const { data_type: dataType, parameters } = entry.metadata;
  try {
    return (
      entryFileName(dataType, parameters) === file ||
      (entry.legacy && legacyEntryFileName(dataType, parameters) === file)
    );
  } catch {
    return false;
  }
}

/** Decide against the local entry of the same name: keep it when it is identical or at least as new. */
function compareWithLocal(
  context: CacheContext,
  file: string,
  bytes: Buffer,
  entry: ParsedEntry,
): { keep?: string; older?: boolean; corrupt?: boolean } {
  let localBytes: Buffer;
  try {
    localBytes = readFileSync(join(context.layout.root, file));
  } catch (error) {
    if (isNotFoundError(error)) return {};
    throw error;
  }
  if (localBytes.equals(bytes)) return { keep: 'identical to the local entry' };
  let local: ParsedEntry;
  try {
    local = parseEntry(localBytes);
  } catch (error) {
    if (error instanceof EntryParseFailure) return { corrupt: true };
    throw error;
  }
  if (local.metadata.saved_timestamp >= entry.metadata.saved_timestamp) {
    return {
      keep: `the local entry is as new or newer (saved ${local.metadata.saved_datetime}; the bundle's ${entry.metadata.saved_datetime})`,
    };
  }
  return { older: true };
}
