/**
 * `@streamgank/cache/bundles`: moving entries between machines without a shared tier. Kept out of
 * the main entry point, so that every other use of the cache (each CLI command, each hit) does not
 * load tar and the manifest schema.
 */
export { exportBundle, type ExportReport } from './bundles/export.js';
export { importBundle, type ImportReport } from './bundles/import.js';
export { BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION } from './bundles/format.js';
export { InvalidBundleError, BundleExportError } from './bundles/errors.js';
