import type { SharedMode } from './settings.js';

/** What a call to the shared store gave: its value, or nothing because the store is unavailable. */
export type Attempt<T> =
  | { readonly ok: true; readonly value: T }
  /** `rejected`: the store answered with a value that cannot be trusted (reported); else it is unavailable. */
  | { readonly ok: false; readonly rejected?: boolean };

export type BlobDownload = 'ok' | 'absent' | 'corrupt' | 'unavailable';

/** What `cache.sharedStatus()` reports, for `cache stats` and the dashboard. */
export interface SharedStatus {
  readonly configured: boolean;
  readonly kind?: string;
  /** `readwrite`, or `readonly` for untrusted builds that read the team's cache without writing to it. */
  readonly mode?: SharedMode;
  /** True when entries are signed with a team key and unsigned ones are refused. */
  readonly signed?: boolean;
  /** The Redis URL with its password replaced by `***`. */
  readonly url?: string;
  readonly key_prefix?: string;
  readonly reachable: boolean;
  /** Entries held in the shared tier (under this key prefix); absent when it cannot be reached. */
  readonly entries?: number;
  /** Hits served from the shared tier into this cache directory, over its recorded activity. */
  readonly hits_from_shared: number;
  /** Values from the shared tier refused by this process because their bytes were wrong. */
  readonly rejected_values: number;
  /** Why the tier is unreachable, when it is. */
  readonly error?: string;
}
