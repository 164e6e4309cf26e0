import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { VerifyReport } from '@streamgank/cache';
import type { Command } from 'commander';
import { commandContext, withCache } from '../../command-context.js';
import { FailureError } from '../../errors.js';
import { describeReport } from './verify-report.js';

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
      report.temp_files.length +
      report.shadowed_files.length +
      report.secret_entries.length +
      report.secret_blobs.length
    );
  }
  return (
    report.corrupt_entries.filter((entry) => !entry.quarantined_to).length +
    report.missing_blobs.filter((missing) => entryExists(missing.file)).length +
    report.corrupt_blobs.filter((blob) => !blob.quarantined_to).length +
    report.orphan_blobs.filter((blob) => !blob.removed).length +
    report.temp_files.filter((temp) => !temp.removed).length +
    report.shadowed_files.filter((twin) => !twin.moved_to_history).length +
    report.secret_entries.filter((entry) => !entry.redacted).length +
    report.secret_blobs.filter((blob) => !blob.replaced_by).length
  );
}
