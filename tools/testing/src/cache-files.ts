import { readdirSync, utimesSync } from 'node:fs';
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
