import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { isProcessAlive, parseTempName, unlinkQuietly } from '../files/atomic-file.js';
import type { CacheContext } from '../context.js';
import { EntryParseFailure, parseEntry, type BlobRef } from '../entries/format.js';
import { isEntryFileName } from '../entries/name.js';
import { orphanBlobs, fileAgeMs } from './removal.js';
import { quarantineFile } from './quarantine.js';

export interface VerifyOptions {
  /** Quarantine bad entries and blobs, remove orphan blobs and dead temp files, rebuild the index. */
  readonly fix?: boolean;
  /** Re-hash every blob (default true); false only checks that each exists with its size. */
  readonly hashBlobs?: boolean;
}

export interface VerifyReport {
  readonly checked_entries: number;
  readonly ok_entries: number;
  readonly legacy_entries: number;
  readonly corrupt_entries: { file: string; reason: string; detail: string; quarantined_to?: string }[];
  readonly missing_blobs: { file: string; sha256: string }[];
  readonly corrupt_blobs: { sha256: string; actual: string; quarantined_to?: string }[];
  readonly orphan_blobs: { sha256: string; bytes: number; removed: boolean }[];
  readonly temp_files: { path: string; removed: boolean; reason: string }[];
  readonly fixed: boolean;
  /** True when nothing needed attention, as found (before any fixing). */
  readonly healthy: boolean;
}

/** A temp file nobody will finish: its writer is dead, or it is more than an hour old. */
const ABANDONED_AFTER_MS = 60 * 60_000;

export async function verifyCache(context: CacheContext, options: VerifyOptions = {}): Promise<VerifyReport> {
  const fix = options.fix ?? false;
  const { layout, blobs } = context;
  const corruptEntries: VerifyReport['corrupt_entries'] = [];
  const missingBlobs: VerifyReport['missing_blobs'] = [];
  const corruptBlobs: VerifyReport['corrupt_blobs'] = [];
  const referenced = new Map<string, BlobRef>();
  const usesBlob = new Map<string, string[]>();
  let checked = 0;
  let ok = 0;
  let legacy = 0;

  const files = listDirectory(layout.root).filter(isEntryFileName);
  const parsedBlobs = new Map<string, BlobRef[]>();
  for (const file of files) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(join(layout.root, file));
    } catch {
      continue;
    }
    checked += 1;
    try {
      const entry = parseEntry(bytes);
      if (entry.legacy) legacy += 1;
      const refs = entry.metadata.blobs ?? [];
      parsedBlobs.set(file, refs);
      for (const ref of refs) {
        referenced.set(ref.sha256, ref);
        usesBlob.set(ref.sha256, [...(usesBlob.get(ref.sha256) ?? []), file]);
      }
    } catch (error) {
      if (!(error instanceof EntryParseFailure)) throw error;
      corruptEntries.push({ file, reason: error.reason, detail: error.detail });
    }
  }

  const badBlobs = new Set<string>();
  for (const [sha256, ref] of referenced) {
    const stats = blobs.statSync(sha256);
    if (!stats || stats.size !== ref.bytes) {
      badBlobs.add(sha256);
      if (stats) corruptBlobs.push({ sha256, actual: `size ${stats.size}, expected ${ref.bytes}` });
      continue;
    }
    if (options.hashBlobs === false) continue;
    const actual = await blobs.digestOf(sha256);
    if (actual !== sha256) {
      badBlobs.add(sha256);
      corruptBlobs.push({ sha256, actual: actual ?? 'missing' });
    }
  }
  for (const [file, refs] of parsedBlobs) {
    const bad = refs.filter((ref) => badBlobs.has(ref.sha256));
    for (const ref of bad) missingBlobs.push({ file, sha256: ref.sha256 });
    if (bad.length === 0) ok += 1;
  }

  const orphans = orphanBlobs(context, new Set(referenced.keys())).map((blob) => ({
    sha256: blob.sha256,
    bytes: blob.bytes,
    removed: false,
    in_grace: blob.in_grace,
  }));
  const temps = findTempFiles(context);

  if (fix) {
    for (const blob of corruptBlobs) {
      const moved = quarantineFile(layout, blobs.pathOf(blob.sha256), 'blob_checksum');
      if (moved) blob.quarantined_to = moved;
    }
    for (const entry of corruptEntries) {
      const moved = quarantineFile(layout, join(layout.root, entry.file), entry.reason);
      if (moved) entry.quarantined_to = moved;
    }
    for (const file of new Set(missingBlobs.map((missing) => missing.file))) {
      quarantineFile(layout, join(layout.root, file), 'missing_blob');
    }
    for (const orphan of orphans) {
      if (orphan.in_grace) continue;
      blobs.deleteSync(orphan.sha256);
      orphan.removed = true;
    }
    for (const temp of temps) {
      if (!temp.abandoned) continue;
      unlinkQuietly(temp.absolute);
      temp.removed = true;
    }
    context.index.rebuild();
  }

  const orphanReport = orphans.filter((orphan) => !orphan.in_grace).map(({ in_grace: _g, ...rest }) => rest);
  const tempReport = temps
    .filter((temp) => temp.abandoned)
    .map((temp) => ({ path: temp.path, removed: temp.removed, reason: temp.reason }));
  const problems =
    corruptEntries.length + missingBlobs.length + corruptBlobs.length + orphanReport.length + tempReport.length;
  return {
    checked_entries: checked,
    ok_entries: ok,
    legacy_entries: legacy,
    corrupt_entries: corruptEntries,
    missing_blobs: missingBlobs,
    corrupt_blobs: corruptBlobs,
    orphan_blobs: orphanReport,
    temp_files: tempReport,
    fixed: fix,
    healthy: problems === 0,
  };
}

function listDirectory(path: string): string[] {
  try {
    return readdirSync(path);
  } catch {
    return [];
  }
}

function findTempFiles(context: CacheContext) {
  const { layout } = context;
  const found: { absolute: string; path: string; abandoned: boolean; removed: boolean; reason: string }[] = [];
  const now = Date.now();
  for (const directory of [layout.root, layout.blobTemp, layout.state]) {
    for (const name of listDirectory(directory)) {
      const absolute = join(directory, name);
      const temp = parseTempName(name);
      const compacting = /\.\d+\.compacting$/.exec(name);
      if (!temp && !compacting) continue;
      const pid = temp ? temp.pid : Number(name.split('.').at(-2));
      const age = fileAgeMs(absolute, now) ?? 0;
      const alive = isProcessAlive(pid);
      const reason = !alive
        ? `its writer (pid ${pid}) is gone`
        : age > ABANDONED_AFTER_MS
          ? 'older than an hour'
          : 'being written';
      found.push({
        absolute,
        path: relative(layout.root, absolute),
        abandoned: !alive || age > ABANDONED_AFTER_MS,
        removed: false,
        reason,
      });
    }
  }
  return found;
}
