import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { CacheContext } from '../context.js';
import { isNotFoundError } from '../errors.js';
import { classifyContent, MAX_ENTRY_FILE_BYTES, mayHoldEntry } from '../entries/content.js';
import type { BlobRef } from '../entries/format.js';
import { isProcessAlive, parseTempName, unlinkQuietly } from '../files/atomic-file.js';
import { topLevelFiles } from '../index/entry-index.js';
import { shadowedRows } from '../index/list.js';
import { lockOptions } from './clear.js';
import { withLockAsync } from './lock.js';
import { blobSecrets, entrySecrets } from '../secrets/findings.js';
import { redactBlob, redactEntryFile } from '../secrets/fix.js';
import { quarantineFile } from './quarantine.js';
import { referencedBlobs } from './references.js';
import { fileAgeMs, ORPHAN_GRACE_MS } from './remove.js';

export interface VerifyOptions {
  /**
   * Quarantine bad entries and blobs, move older twins of an entry into its history, remove orphan
   * blobs and dead temp files, rebuild the index.
   */
  readonly fix?: boolean;
  /** Re-hash every blob (default true); false only checks that each exists with its size. */
  readonly hashBlobs?: boolean;
}

export interface VerifyReport {
  readonly checked_entries: number;
  readonly ok_entries: number;
  readonly legacy_entries: number;
  readonly corrupt_entries: { file: string; reason: string; detail: string; quarantined_to?: string }[];
  /** Entries whose data was changed by hand after they were saved: served as edited, never shared. */
  readonly edited_entries: { file: string }[];
  /** Older files holding the same entry as a newer file under another name; `fix` moves them into its history. */
  readonly shadowed_files: { file: string; shadowed_by: string; history_of: string; moved_to_history: boolean }[];
  /** Files at the top of the directory that are not entries (left alone, even by `fix`). */
  readonly foreign_files: { file: string; bytes: number; detail: string }[];
  readonly missing_blobs: { file: string; sha256: string }[];
  readonly corrupt_blobs: { sha256: string; actual: string; quarantined_to?: string }[];
  readonly orphan_blobs: { sha256: string; bytes: number; removed: boolean }[];
  readonly temp_files: { path: string; removed: boolean; reason: string }[];
  /** Entry files and kept versions holding a secret (a key of this process, or a token's shape); `fix` redacts them. */
  readonly secret_entries: { file: string; redactions: { path: string; kind: string }[]; redacted: boolean }[];
  /** Text blobs (JSON, subtitles) holding a secret; `fix` stores a redacted copy and points their entries at it. */
  readonly secret_blobs: { sha256: string; kinds: string[]; replaced_by?: string }[];
  readonly fixed: boolean;
  /** True when nothing needed attention, as found (before any fixing). Edited and foreign files are reported, not unhealthy. */
  readonly healthy: boolean;
}

/** A temp file nobody will finish: its writer is dead, or it is more than an hour old. */
const ABANDONED_AFTER_MS = 60 * 60_000;

/**
 * Check every file at the top of the directory (read from disk, whatever the index says), every
 * blob the entries and their histories refer to, and the blob store for orphans. With `fix`, under
 * the housekeeping lock, repair what can be repaired without losing anything a person may want.
 */
export async function verifyCache(context: CacheContext, options: VerifyOptions = {}): Promise<VerifyReport> {
  if (!options.fix) return strip(await inspect(context, options));
  // The blob hashing may take long: it runs before the lock is taken, and the fix looks again under it.
  const found = await inspect(context, options);
  return withLockAsync(context.layout.locks, 'housekeeping', lockOptions(context, 'verify --fix'), () =>
    repair(context, found),
  );
}

function strip(found: Findings): VerifyReport {
  const { orphanCandidates: _orphans, tempCandidates: _temps, secretPaths: _paths, ...report } = found;
  return report;
}

interface Findings extends VerifyReport {
  readonly orphanCandidates: { sha256: string; bytes: number; in_grace: boolean }[];
  readonly tempCandidates: { absolute: string; path: string; abandoned: boolean; reason: string }[];
  /** Every entry file and kept version (absolute paths) that refers to a blob, with the blobs. */
  readonly secretPaths: Map<string, BlobRef[]>;
}

async function inspect(context: CacheContext, options: VerifyOptions): Promise<Findings> {
  const { layout, blobs } = context;
  const corruptEntries: VerifyReport['corrupt_entries'] = [];
  const editedEntries: VerifyReport['edited_entries'] = [];
  const foreignFiles: VerifyReport['foreign_files'] = [];
  const missingBlobs: VerifyReport['missing_blobs'] = [];
  const corruptBlobs: VerifyReport['corrupt_blobs'] = [];
  const referencedBy = new Map<string, BlobRef>();
  const entryBlobs = new Map<string, BlobRef[]>();
  const secretEntries: VerifyReport['secret_entries'] = [];
  const filesWithBlobs = new Map<string, BlobRef[]>();
  let checked = 0;
  let legacy = 0;

  for (const file of topLevelFiles(layout.root)) {
    let bytes: Buffer | undefined;
    try {
      if (mayHoldEntry(file)) bytes = readFileSync(join(layout.root, file), { flag: 'r' });
    } catch {
      bytes = undefined;
    }
    if (bytes === undefined || bytes.length > MAX_ENTRY_FILE_BYTES) {
      const size = bytes?.length ?? fileSize(join(layout.root, file));
      foreignFiles.push({ file, bytes: size, detail: 'not a cache entry' });
      continue;
    }
    const content = classifyContent(file, bytes);
    if (content.kind === 'foreign') {
      foreignFiles.push({ file, bytes: bytes.length, detail: content.detail });
      continue;
    }
    checked += 1;
    if (content.kind === 'corrupt') {
      corruptEntries.push({ file, reason: content.reason, detail: content.detail });
      continue;
    }
    if (content.entry.legacy) legacy += 1;
    if (content.entry.edited) editedEntries.push({ file });
    const secrets = entrySecrets(context, content.entry);
    if (secrets.length > 0) secretEntries.push({ file, redactions: secrets, redacted: false });
    const refs = content.entry.metadata.blobs ?? [];
    if (refs.length > 0) filesWithBlobs.set(join(layout.root, file), refs);
    entryBlobs.set(file, refs);
    for (const ref of refs) referencedBy.set(ref.sha256, ref);
  }

  const badBlobs = new Set<string>();
  for (const [sha256, ref] of referencedBy) {
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
  for (const entryFile of context.versions.entryFiles()) {
    for (const version of context.versions.list(entryFile)) {
      const content = classifyContent(version.id, context.versions.read(version));
      if (content.kind !== 'entry') continue;
      const secrets = entrySecrets(context, content.entry);
      const name = relative(layout.root, version.path);
      if (secrets.length > 0) secretEntries.push({ file: name, redactions: secrets, redacted: false });
      const refs = content.entry.metadata.blobs ?? [];
      if (refs.length > 0) filesWithBlobs.set(version.path, refs);
      for (const ref of refs) if (!referencedBy.has(ref.sha256)) referencedBy.set(ref.sha256, ref);
    }
  }
  const secretBlobs: VerifyReport['secret_blobs'] = [];
  for (const ref of referencedBy.values()) {
    if (badBlobs.has(ref.sha256)) continue;
    const kinds = blobSecrets(context, ref);
    if (kinds.length > 0) secretBlobs.push({ sha256: ref.sha256, kinds });
  }
  let ok = 0;
  for (const [file, refs] of entryBlobs) {
    const bad = refs.filter((ref) => badBlobs.has(ref.sha256));
    for (const ref of bad) missingBlobs.push({ file, sha256: ref.sha256 });
    if (bad.length === 0) ok += 1;
  }

  const view = context.index.view({ check: true });
  const shadows = shadowedRows(view);
  const shadowedFiles: VerifyReport['shadowed_files'] = [];
  for (const [row, twins] of shadows.by) {
    const shown = view.table.file(row);
    const historyOf = view.table.primary(row) ?? shown;
    for (const twin of twins)
      shadowedFiles.push({ file: twin, shadowed_by: shown, history_of: historyOf, moved_to_history: false });
  }
  const referenced = referencedBlobs(context, view);
  for (const sha256 of referencedBy.keys()) referenced.add(sha256);
  const now = Date.now();
  const orphanCandidates = blobs
    .listSync()
    .filter((blob) => !referenced.has(blob.sha256))
    .map((blob) => ({ sha256: blob.sha256, bytes: blob.bytes, in_grace: now - blob.mtimeMs < ORPHAN_GRACE_MS }));
  const tempCandidates = findTempFiles(context);
  const orphanBlobs = orphanCandidates
    .filter((blob) => !blob.in_grace)
    .map(({ sha256, bytes }) => ({ sha256, bytes, removed: false }));
  const tempFiles = tempCandidates
    .filter((temp) => temp.abandoned)
    .map(({ path, reason }) => ({ path, removed: false, reason }));
  const problems =
    corruptEntries.length +
    missingBlobs.length +
    corruptBlobs.length +
    orphanBlobs.length +
    tempFiles.length +
    shadowedFiles.length +
    secretEntries.length +
    secretBlobs.length;
  return {
    checked_entries: checked,
    ok_entries: ok,
    legacy_entries: legacy,
    corrupt_entries: corruptEntries,
    edited_entries: editedEntries,
    shadowed_files: shadowedFiles,
    foreign_files: foreignFiles,
    missing_blobs: missingBlobs,
    corrupt_blobs: corruptBlobs,
    orphan_blobs: orphanBlobs,
    temp_files: tempFiles,
    secret_entries: secretEntries,
    secret_blobs: secretBlobs,
    fixed: false,
    healthy: problems === 0,
    orphanCandidates,
    tempCandidates,
    secretPaths: filesWithBlobs,
  };
}

async function repair(context: CacheContext, found: Findings): Promise<VerifyReport> {
  const { layout, blobs } = context;
  const { orphanCandidates, tempCandidates, secretPaths, ...report } = found;
  await redactSecrets(context, report, secretPaths);
  for (const blob of report.corrupt_blobs) {
    const moved = quarantineFile(layout, blobs.pathOf(blob.sha256), 'blob_checksum');
    if (moved) blob.quarantined_to = moved;
  }
  for (const entry of report.corrupt_entries) {
    const moved = quarantineFile(layout, join(layout.root, entry.file), entry.reason);
    if (moved) entry.quarantined_to = moved;
  }
  for (const file of new Set(report.missing_blobs.map((missing) => missing.file))) {
    quarantineFile(layout, join(layout.root, file), 'missing_blob');
  }
  for (const twin of report.shadowed_files)
    twin.moved_to_history = moveIntoHistory(context, twin.file, twin.history_of);
  // Look again under the lock: a writer may have referred to an orphan since it was found.
  const referenced = referencedBlobs(context, context.index.view({ check: true }));
  const orphans = report.orphan_blobs.filter((orphan) => !referenced.has(orphan.sha256));
  for (const orphan of orphans) {
    const candidate = orphanCandidates.find((blob) => blob.sha256 === orphan.sha256);
    if (!candidate || candidate.in_grace) continue;
    blobs.deleteSync(orphan.sha256);
    orphan.removed = true;
  }
  const temps = tempCandidates.filter((temp) => temp.abandoned);
  for (const [index, temp] of temps.entries()) {
    unlinkQuietly(temp.absolute);
    const reported = report.temp_files[index];
    if (reported) reported.removed = true;
  }
  context.index.rebuild();
  return { ...report, fixed: true };
}

/** Move a shadowed twin's bytes into the history of the entry that shadows it, then remove it. */
function moveIntoHistory(context: CacheContext, file: string, historyOf: string): boolean {
  try {
    const bytes = readFileSync(join(context.layout.root, file));
    const content = classifyContent(file, bytes);
    // Changed since it was found (another hand wrote over it): it is not the twin that was found.
    if (content.kind !== 'entry') return false;
    context.versions.keep(historyOf, bytes, content.entry.metadata.saved_timestamp, { durable: context.durable });
    unlinkQuietly(join(context.layout.root, file));
    context.index.recordDelete(file);
    return true;
  } catch (error) {
    // Gone already (another hand removed it since it was found): nothing to move.
    if (isNotFoundError(error)) return false;
    context.warnUnwritable(error, `moving ${file} into the history of ${historyOf}`);
    return false;
  }
}

function listDirectory(path: string): string[] {
  try {
    return readdirSync(path);
  } catch {
    return [];
  }
}

function fileSize(path: string): number {
  return lstatSync(path, { throwIfNoEntry: false })?.size ?? 0;
}

function findTempFiles(context: CacheContext) {
  const { layout } = context;
  const found: { absolute: string; path: string; abandoned: boolean; reason: string }[] = [];
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
        reason,
      });
    }
  }
  return found;
}

/**
 * Take the secrets out: text blobs are stored again redacted, every file that refers to one points
 * at the new blob, entry files and kept versions are rewritten without their secrets (in place: a
 * history must not keep them either), and the old blobs go once nothing refers to them.
 */
async function redactSecrets(
  context: CacheContext,
  report: VerifyReport,
  filesWithBlobs: ReadonlyMap<string, BlobRef[]>,
) {
  const replaced = new Map<string, BlobRef>();
  for (const blob of report.secret_blobs) {
    const ref = [...filesWithBlobs.values()].flat().find((candidate) => candidate.sha256 === blob.sha256);
    if (!ref) continue;
    const now = await redactBlob(context, ref);
    replaced.set(blob.sha256, now);
    blob.replaced_by = now.sha256;
  }
  const paths = new Set(report.secret_entries.map((entry) => join(context.layout.root, entry.file)));
  for (const [path, refs] of filesWithBlobs) if (refs.some((ref) => replaced.has(ref.sha256))) paths.add(path);
  for (const path of paths) {
    try {
      redactEntryFile(context, path, replaced);
    } catch (error) {
      if (!isNotFoundError(error) && !(error instanceof SyntaxError)) throw error;
    }
  }
  for (const entry of report.secret_entries) entry.redacted = true;
  const stillUsed = referencedBlobs(context, context.index.view({ check: true }));
  for (const old of replaced.keys()) if (!stillUsed.has(old)) context.blobs.deleteSync(old);
}
