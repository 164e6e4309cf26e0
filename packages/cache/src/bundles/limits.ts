/** What a bundle may hold before import refuses it; every limit has a default. */
export interface BundleLimits {
  /** Largest blob member. Default 2 GiB. */
  readonly maxBlobBytes?: number;
  /** Largest entry member (entries are read into memory). Default 32 MiB. */
  readonly maxEntryBytes?: number;
  /** All members together, as they unpack. Default 8 GiB. */
  readonly maxTotalBytes?: number;
  /** Number of members. Default 100,000. */
  readonly maxMembers?: number;
}

export type ResolvedBundleLimits = Required<BundleLimits>;

export const BUNDLE_LIMIT_DEFAULTS: ResolvedBundleLimits = {
  maxBlobBytes: 2 * 1024 ** 3,
  maxEntryBytes: 32 * 1024 ** 2,
  maxTotalBytes: 8 * 1024 ** 3,
  maxMembers: 100_000,
};

export function bundleLimits(limits: BundleLimits = {}): ResolvedBundleLimits {
  return {
    ...BUNDLE_LIMIT_DEFAULTS,
    ...Object.fromEntries(Object.entries(limits).filter(([, value]) => value !== undefined)),
  };
}
