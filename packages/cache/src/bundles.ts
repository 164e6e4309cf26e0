import type { Cache } from './cache.js';
import type { EntryFilter } from './entry-filter.js';
import type { ExportReport } from './bundle-export.js';
import type { ImportReport } from './bundle-import.js';

export type { ExportReport, ImportReport };

/** The name and version a bundle's manifest declares. */
export const BUNDLE_FORMAT = 'streamgank-cache-bundle';
export const BUNDLE_FORMAT_VERSION = 1;

// Bundles need tar and a manifest schema; loaded on first use, so that every other use of the
// cache (each CLI command, each hit) does not pay for them at start-up.

/** Write the entries matching `filter`, and their blobs, to a .tar.gz bundle. */
export async function exportBundle(cache: Cache, file: string, filter?: EntryFilter): Promise<ExportReport> {
  return (await import('./bundle-export.js')).exportBundle(cache, file, filter);
}

/** Add a bundle's entries and blobs to the cache, verifying every digest and refusing anything unsafe. */
export async function importBundle(cache: Cache, file: string): Promise<ImportReport> {
  return (await import('./bundle-import.js')).importBundle(cache, file);
}
