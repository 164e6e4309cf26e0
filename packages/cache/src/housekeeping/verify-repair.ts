import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CacheContext } from '../context.js';
import { classifyContent } from '../entries/content.js';
import type { BlobRef } from '../entries/format.js';
import { isNotFoundError } from '../errors.js';
import { unlinkQuietly } from '../files/atomic-file.js';
import { redactBlob, redactEntryFile } from '../secrets/fix.js';
import { quarantineFile } from './quarantine.js';
import { referencedBlobs } from './references.js';
import type { TempFile } from './temp-files.js';
import type { VerifyReport } from './verify-report.js';

/** What `verify` found, with what the fix needs beyond the report. */
export interface Findings extends VerifyReport {
  readonly orphanCandidates: { sha256: string; bytes: number; in_grace: boolean }[];
  readonly tempCandidates: TempFile[];
  /** Every entry file and kept version (absolute paths) that refers to a blob, with the blobs. */
  readonly secretPaths: Map<string, BlobRef[]>;
}

/**
 * Repair what `verify` found, without losing anything a person may want: bad files are
 * quarantined, twins go into their entry's history, secrets are taken out, and only orphan blobs
 * out of their grace period and dead temp files are removed. Runs under the housekeeping lock.
 */
export async function repair(context: CacheContext, found: Findings): Promise<VerifyReport> {
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
