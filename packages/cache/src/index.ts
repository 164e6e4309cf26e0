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
} from './entries/name.js';
export { computeFingerprint, type FingerprintInputs } from './entries/fingerprint.js';
export { canonicalJson, type JsonValue } from './entries/canonical-json.js';
export { FORMAT_VERSION, type BlobRef, type EntryMetadata } from './entries/format.js';
export type { ByteRange } from './blobs/store.js';
export { ENTRY_STATUSES, type EntryStatus } from './entries/status.js';
export type { EntryFilter } from './entries/filter.js';
export type { ListResult, ListedEntry } from './index/list.js';
export type { CacheStats } from './index/stats.js';
export type { RemovalResult } from './housekeeping/remove.js';
export { ORPHAN_GRACE_MS } from './housekeeping/remove.js';
export type { ClearOptions } from './housekeeping/clear.js';
export type { PruneOptions } from './housekeeping/prune.js';
export type { VerifyOptions, VerifyReport } from './housekeeping/verify.js';
export type { InspectedEntry } from './entries/inspect.js';
export type { InputChange } from './entries/fingerprint.js';
export {
  explanationText,
  type Explanation,
  type UpstreamEntry,
  type UpstreamChange,
  type NearbyEntry,
  type NearbyVersion,
} from './explain/explanation.js';
export type { EntryWhy, LineageNode } from './explain/why.js';
export type { EntryHistory, HistoryVersion } from './versions/history.js';
export type {
  EntryDiff,
  DiffOptions,
  DataChange,
  TextPart,
  BlobChange,
  BlobFacts,
  BlobDescriber,
} from './versions/diff.js';
export type { RestoreResult } from './versions/restore.js';
export type { ReplacedEntry } from './versions/review.js';
export type { ReadOptions, ReadResult, DataSchema } from './entries/read.js';
export type { WriteOptions } from './entries/write.js';
export type { GetOrCreateOptions, GetOrCreateResult, ProduceContext, ProduceReason } from './get-or-create.js';
export type { ActivityEvent, ActivitySummary, ActivityCounts, ActivityKind, HourlyActivity } from './activity/log.js';
export {
  CACHE_MODES,
  parseCacheMode,
  modeSettingsFromEnv,
  type CacheMode,
  type ModeSettings,
} from './options/modes.js';
export { parseDuration, parseSize, toMegabytes } from './options/quantities.js';
export { defaultCacheDirectory } from './files/layout.js';
export { stderrLogger, silentLogger, type CacheLogger } from './options/logger.js';
export {
  CACHE_ERROR_CODES,
  type CacheErrorCode,
  type ErrorCategory,
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
  CacheBusyError,
  InvalidOptionError,
  EntryNotFoundError,
  VersionNotFoundError,
} from './errors.js';
export type { SharedStatus } from './shared/tier.js';
export {
  SHARED_TIER_DEFAULTS,
  SHARED_MODES,
  redactRedisUrl,
  type RedisTierOptions,
  type SharedMode,
} from './shared/settings.js';
export { MemoryStore } from './shared/memory-store.js';
export {
  SharedStoreError,
  SharedSourceError,
  SharedValueError,
  type SharedStore,
  type SharedBlob,
  type SharedEntry,
  type SharedLock,
  type ReadLimits,
} from './shared/store.js';
export { InvalidSharedTierOptionError } from './shared/errors.js';
