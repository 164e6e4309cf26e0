export { createCache } from './cache.js';
export type { Cache, CacheParameters, SaveResult } from './cache.js';
export type { CacheOptions } from './context.js';
export {
  saveTestData,
  loadTestData,
  clearTestData,
  listTestData,
  getCacheStats,
  saveScriptResult,
  saveAssetsResult,
} from './seed-api.js';
export type { SeedOptions, SeedClearFilter } from './seed-api.js';
export {
  entryFileName,
  canonicalParameter,
  isEntryFileName,
  PARAMETER_NAMES,
  type EntryParameters,
} from './entry-name.js';
export { computeFingerprint, type FingerprintInputs } from './fingerprint.js';
export { canonicalJson, type JsonValue } from './canonical-json.js';
export { FORMAT_VERSION, type BlobRef, type EntryMetadata } from './entry-format.js';
export type { ByteRange } from './blob-store.js';
export type { EntryStatus } from './indexed-entry.js';
export type { EntryFilter } from './entry-filter.js';
export type { ListResult, ListedEntry, CacheStats } from './listing.js';
export type { RemovalResult, ClearOptions, PruneOptions } from './housekeeping.js';
export type { VerifyOptions, VerifyReport } from './verify.js';
export type { InspectedEntry } from './inspect.js';
export type { ReadOptions, ReadResult, WriteOptions, DataSchema } from './entry-store.js';
export type { GetOrCreateOptions, GetOrCreateResult, ProduceContext, ProduceReason } from './get-or-create.js';
export type { ActivityEvent, ActivitySummary, ActivityCounts, ActivityKind, HourlyActivity } from './activity-log.js';
export { CACHE_MODES, parseCacheMode, modeSettingsFromEnv, type CacheMode, type ModeSettings } from './modes.js';
export { parseDuration, parseSize, toMegabytes } from './quantities.js';
export { defaultCacheDirectory } from './layout.js';
export { stderrLogger, silentLogger, type CacheLogger } from './logger.js';
export {
  CacheError,
  CacheCorruptError,
  CacheMissError,
  InvalidDataTypeError,
  InvalidParameterError,
  InvalidModeError,
  InvalidQuantityError,
  InvalidEntryDataError,
  InvalidDigestError,
  BlobNotFoundError,
  BlobCorruptError,
} from './errors.js';
export {
  exportBundle,
  importBundle,
  BUNDLE_FORMAT,
  BUNDLE_FORMAT_VERSION,
  type ExportReport,
  type ImportReport,
} from './bundles.js';
export { InvalidBundleError, BundleExportError } from './bundle-errors.js';
export type { SharedStatus } from './shared-tier.js';
export { SHARED_TIER_DEFAULTS, redactRedisUrl, type RedisTierOptions } from './shared-settings.js';
export {
  SharedStoreError,
  SharedSourceError,
  type SharedStore,
  type SharedBlob,
  type SharedLock,
} from './shared-store.js';
export { InvalidSharedTierOptionError } from './shared-errors.js';
