import { importBundle, type ImportReport } from '@streamgank/cache/bundles';
import type { Command } from 'commander';
import { commandContext, withCache } from '../../command-context.js';
import { FailureError } from '../../errors.js';
import { printable } from '../../format.js';
import type { Output } from '../../output.js';

/**
 * `cache import <file.tar.gz>`: a bundle's entries and blobs, verified, into the cache. Exit 1
 * when anything was refused, damaged or unusable (the good part is still imported); exit 2 when
 * the file is missing or is no bundle at all (nothing is imported).
 */
export default async function importEntries(file: string, _flags: unknown, command: Command): Promise<void> {
  const context = commandContext(command);
  const report = await withCache(context, (cache) => importBundle(cache, file));
  if (context.output.json) context.output.document(report);
  else printImport(context.output, report, context.config.cacheDir);
  const problem = problemOf(report);
  if (problem) throw new FailureError(problem);
}

/** Entries the bundle held that are not in the cache now, for a reason other than a local copy as good. */
export function unusableEntries(report: ImportReport): ImportReport['skipped'] {
  return report.skipped.filter((skipped) => !skipped.kept_local);
}

function problemOf(report: ImportReport): string | undefined {
  const unusable = unusableEntries(report).length;
  const refused = report.refused.length;
  const parts = [
    report.damaged !== undefined && `the archive is damaged (${printable(report.damaged)})`,
    refused > 0 && `${refused} archive ${refused === 1 ? 'member was' : 'members were'} refused`,
    unusable > 0 && `${unusable} ${unusable === 1 ? 'entry was' : 'entries were'} unusable`,
  ].filter(Boolean);
  if (parts.length === 0) return undefined;
  return `${report.file}: ${parts.join(', ')}; what was whole was imported (${report.added.length} ${report.added.length === 1 ? 'entry' : 'entries'}). Ask for a new bundle made with 'streamgank cache export'.`;
}

function printImport(output: Output, report: ImportReport, directory: string): void {
  const replaced = new Set(report.replaced);
  for (const file of report.added) output.result(`  ${replaced.has(file) ? 'replaced' : 'added   '} ${file}`);
  for (const { file, reason } of report.skipped) output.result(`  skipped  ${file}: ${reason}`);
  for (const { path, reason } of report.refused)
    output.result(printable(`  refused  ${JSON.stringify(path)}: ${reason}`));
  if (report.damaged !== undefined) output.result(printable(`  damaged: ${report.damaged}`));
  const added = report.added.length - report.replaced.length;
  output.result(
    `Imported ${report.added.length} ${report.added.length === 1 ? 'entry' : 'entries'} from ${report.file} into ${directory} ` +
      `(${added} new, ${report.replaced.length} replacing older local ones) and ${report.blobs_added} media ${report.blobs_added === 1 ? 'blob' : 'blobs'}; ` +
      `${report.skipped.length} skipped, ${report.refused.length} refused.`,
  );
}
