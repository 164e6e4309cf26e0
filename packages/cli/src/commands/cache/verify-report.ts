import type { VerifyReport } from '@streamgank/cache';
import { formatBytes } from '../../format.js';

const done = (fixed: boolean | string | undefined, what: string) => (fixed ? ` (${what})` : '');

/** `cache verify` for a person: each problem on its line, with what `--fix` did about it. */
export function describeReport(report: VerifyReport): string {
  const lines = [
    `Checked ${report.checked_entries} entries: ${report.ok_entries} whole (${report.legacy_entries} of them legacy).`,
    ...damage(report),
    ...secrets(report),
    ...otherHands(report),
  ];
  lines.push(
    report.healthy
      ? 'The cache is healthy.'
      : report.fixed
        ? 'Problems were found; see above for what was fixed.'
        : 'Problems were found.',
  );
  return lines.join('\n');
}

function damage(report: VerifyReport): string[] {
  const lines: string[] = [];
  for (const entry of report.corrupt_entries) {
    lines.push(
      `  corrupt entry ${entry.file}: ${entry.reason} (${entry.detail})${done(entry.quarantined_to, `moved to ${entry.quarantined_to}`)}`,
    );
  }
  for (const missing of report.missing_blobs) {
    lines.push(
      `  ${missing.file} refers to blob sha256:${missing.sha256}, which is missing or damaged${done(report.fixed, 'entry moved to .quarantine/')}`,
    );
  }
  for (const blob of report.corrupt_blobs) {
    lines.push(
      `  corrupt blob sha256:${blob.sha256} (${blob.actual})${done(blob.quarantined_to, `moved to ${blob.quarantined_to}`)}`,
    );
  }
  if (report.orphan_blobs.length > 0) {
    const bytes = report.orphan_blobs.reduce((sum, blob) => sum + blob.bytes, 0);
    const removed = report.orphan_blobs.every((blob) => blob.removed);
    lines.push(
      `  ${report.orphan_blobs.length} orphan blobs no entry refers to (${formatBytes(bytes)})${done(removed, 'removed')}`,
    );
  }
  for (const temp of report.temp_files) {
    lines.push(`  abandoned temp file ${temp.path}: ${temp.reason}${done(temp.removed, 'removed')}`);
  }
  return lines;
}

/** Keys and tokens found on disk: where and of which kind, never the value. */
function secrets(report: VerifyReport): string[] {
  const lines: string[] = [];
  for (const entry of report.secret_entries) {
    const where = entry.redactions.map((found) => `${found.path} (${found.kind})`).join(', ');
    lines.push(`  ${entry.file} holds a secret at ${where}${done(entry.redacted, 'redacted')}`);
  }
  for (const blob of report.secret_blobs) {
    lines.push(
      `  blob sha256:${blob.sha256} holds a secret (${blob.kinds.join(', ')})${done(blob.replaced_by, `replaced by a redacted copy, sha256:${blob.replaced_by}`)}`,
    );
  }
  if (!report.fixed && lines.length > 0) {
    lines.push("  'streamgank cache verify --fix' takes them out; until then 'cache export' leaves those entries out.");
  }
  return lines;
}

/** What other hands left: older twins of an entry, entries edited by hand, files that are not entries. */
function otherHands(report: VerifyReport): string[] {
  const lines: string[] = [];
  for (const twin of report.shadowed_files) {
    lines.push(
      `  ${twin.file} is an older copy of the entry in ${twin.shadowed_by}${twin.moved_to_history ? ` (moved into the history of ${twin.history_of})` : '; --fix moves it into its history'}`,
    );
  }
  for (const { file } of report.edited_entries) {
    lines.push(`  ${file} was edited by hand: it is served as edited, and never shared or exported`);
  }
  for (const foreign of report.foreign_files) {
    lines.push(
      `  ${foreign.file} (${formatBytes(foreign.bytes)}) is not a cache entry (${foreign.detail}); left alone`,
    );
  }
  return lines;
}
