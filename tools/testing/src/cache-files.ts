import { readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Make every blob in a cache directory look stored `ms` ago. Housekeeping keeps a blob that no
 * file refers to while it is younger than its grace period (a writer may be about to use it), so a
 * test that expects a clear or prune to free blobs ages them first, as time would.
 */
export function ageBlobs(cacheDirectory: string, ms: number): void {
  const past = new Date(Date.now() - ms);
  const root = join(cacheDirectory, 'blobs', 'sha256');
  for (const prefix of readdirSync(root)) {
    for (const blob of readdirSync(join(root, prefix))) utimesSync(join(root, prefix, blob), past, past);
  }
}

/**
 * Write an entry file as the Python version wrote them (`{data, metadata}` without a format
 * version, fingerprint or checksum): what a colleague's older cache or a hand-copied fixture holds.
 */
export function writePythonEntry(
  cacheDirectory: string,
  file: string,
  entry: { dataType: string; parameters: { country: string; genre: string; platform: string }; data: unknown },
): string {
  const path = join(cacheDirectory, file);
  writeFileSync(
    path,
    JSON.stringify({
      data: entry.data,
      metadata: {
        data_type: entry.dataType,
        parameters: entry.parameters,
        saved_timestamp: 1754490353.4,
        saved_datetime: '2025-08-06 22:25:53',
      },
    }),
  );
  return path;
}
