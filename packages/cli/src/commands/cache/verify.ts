import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { VerifyReport } from '@streamgank/cache';
import type { Command } from 'commander';
import { commandContext, withCache } from '../../command-context.js';
import { FailureError } from '../../errors.js';
import { formatBytes } from '../../format.js';

interface VerifyFlags {
  readonly fix?: boolean;
}

export default async function verifyCache(flags: VerifyFlags, command: Command): Promise<void> {
  const context = commandContext(command);
  const directory = context.config.cacheDir;
  const report = await withCache(context, (cache) => cache.verify({ fix: flags.fix ?? false }));
  const remaining = remainingProblems(report, (file) => existsSync(join(directory, file)));
  if (context.output.json) context.output.document(report);
  else context.output.result(describeReport(report));
  if (remaining > 0) {
    throw new FailureError(
      report.fixed
        ? `${remaining} problem${remaining === 1 ? '' : 's'} could not be fixed in ${directory}; see the report above.`
        : `${remaining} problem${remaining === 1 ? '' : 's'} found in ${directory}: run 'streamgank cache verify --fix' to fix ${remaining === 1 ? 'it' : 'them'}.`,
    );
  }
}

/** Problems still there after the run: all of them without --fix, those --fix could not mend with it. */
export function remainingProblems(report: VerifyReport, entryExists: (file: string) => boolean): number {
  if (!report.fixed) {
    return (
      report.corrupt_entries.length +
      report.missing_blobs.length +
      report.corrupt_blobs.length +
      report.orphan_blobs.length +
      report.temp_files.length
    );
  }
  return (
    report.corrupt_entries.filter((entry) => !entry.quarantined_to).length +
    report.missing_blobs.filter((missing) => entryExists(missing.file)).length +
    report.corrupt_blobs.filter((blob) => !blob.quarantined_to).length +
    report.orphan_blobs.filter((blob) => !blob.removed).length +
    report.temp_files.filter((temp) => !temp.removed).length
  );
}

function describeReport(report: VerifyReport): string {
  const lines = [
    `Checked ${report.checked_entries} entries: ${report.ok_entries} whole (${report.legacy_entries} of them legacy).`,
  ];
  const fixedNote = (done: boolean | string | undefined, what: string) => (done ? ` (${what})` : '');
  for (const entry of report.corrupt_entries) {
    lines.push(
      `  corrupt entry ${entry.file}: ${entry.reason} (${entry.detail})${fixedNote(entry.quarantined_to, `moved to ${entry.quarantined_to}`)}`,
    );
  }
  for (const missing of report.missing_blobs) {
    lines.push(
      `  ${missing.file} refers to blob sha256:${missing.sha256}, which is missing or damaged${fixedNote(report.fixed, 'entry moved to .quarantine/')}`,
    );
  }
  for (const blob of report.corrupt_blobs) {
    lines.push(
      `  corrupt blob sha256:${blob.sha256} (${blob.actual})${fixedNote(blob.quarantined_to, `moved to ${blob.quarantined_to}`)}`,
    );
  }
  if (report.orphan_blobs.length > 0) {
    const bytes = report.orphan_blobs.reduce((sum, blob) => sum + blob.bytes, 0);
    const removed = report.orphan_blobs.every((blob) => blob.removed);
    lines.push(
      `  ${report.orphan_blobs.length} orphan blobs no entry refers to (${formatBytes(bytes)})${fixedNote(removed, 'removed')}`,
    );
  }
  for (const temp of report.temp_files) {
    lines.push(`  abandoned temp file ${temp.path}: ${temp.reason}${fixedNote(temp.removed, 'removed')}`);
  }
  lines.push(
    report.healthy
      ? 'The cache is healthy.'
      : report.fixed
        ? 'Problems were found; see above for what was fixed.'
        : 'Problems were found.',
  );
  return lines.join('\n');
}
