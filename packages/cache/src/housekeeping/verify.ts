import { join, relative } from 'node:path';
import type { CacheContext } from '../context.js';
import { classifyContent } from '../entries/content.js';
import type { BlobRef } from '../entries/format.js';
import { readTopLevelFile, topLevelFiles } from '../index/entry-index.js';
import { shadowedRows } from '../index/shadows.js';
import { blobSecrets, entrySecrets } from '../secrets/findings.js';
import { lockOptions } from './clear.js';
import { withLockAsync } from './lock.js';
import { referencedBlobs } from './references.js';
import { ORPHAN_GRACE_MS } from './remove.js';
import { findTempFiles } from './temp-files.js';
import type { VerifyOptions, VerifyReport } from './verify-report.js';
import { repair, type Findings } from './verify-repair.js';

export type { VerifyOptions, VerifyReport } from './verify-report.js';

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
    const found = readTopLevelFile(layout.root, file);
    if (!found) continue;
    if ('unreadable' in found) {
      foreignFiles.push({ file, bytes: found.size, detail: found.unreadable });
      continue;
    }
    const { content } = found;
    if (content.kind === 'foreign') {
      foreignFiles.push({ file, bytes: found.size, detail: content.detail });
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
      const bytes = context.versions.read(version);
      if (!bytes) continue;
      const content = classifyContent(version.id, bytes);
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
      shadowedFiles.push({
        file: view.table.file(twin),
        shadowed_by: shown,
        history_of: historyOf,
        moved_to_history: false,
      });
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
