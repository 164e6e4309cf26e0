/** What `verify` was asked to do, and what it found (and fixed). */
export interface VerifyOptions {
  /**
   * Quarantine bad entries and blobs, move older twins of an entry into its history, remove orphan
   * blobs and dead temp files, rebuild the index.
   */
  readonly fix?: boolean;
  /** Re-hash every blob (default true); false only checks that each exists with its size. */
  readonly hashBlobs?: boolean;
}

export interface VerifyReport {
  readonly checked_entries: number;
  readonly ok_entries: number;
  readonly legacy_entries: number;
  readonly corrupt_entries: { file: string; reason: string; detail: string; quarantined_to?: string }[];
  /** Entries whose data was changed by hand after they were saved: served as edited, never shared. */
  readonly edited_entries: { file: string }[];
  /** Older files holding the same entry as a newer file under another name; `fix` moves them into its history. */
  readonly shadowed_files: { file: string; shadowed_by: string; history_of: string; moved_to_history: boolean }[];
  /** Files at the top of the directory that are not entries (left alone, even by `fix`). */
  readonly foreign_files: { file: string; bytes: number; detail: string }[];
  readonly missing_blobs: { file: string; sha256: string }[];
  readonly corrupt_blobs: { sha256: string; actual: string; quarantined_to?: string }[];
  readonly orphan_blobs: { sha256: string; bytes: number; removed: boolean }[];
  readonly temp_files: { path: string; removed: boolean; reason: string }[];
  /** Entry files and kept versions holding a secret (a key of this process, or a token's shape); `fix` redacts them. */
  readonly secret_entries: { file: string; redactions: { path: string; kind: string }[]; redacted: boolean }[];
  /** Text blobs (JSON, subtitles) holding a secret; `fix` stores a redacted copy and points their entries at it. */
  readonly secret_blobs: { sha256: string; kinds: string[]; replaced_by?: string }[];
  readonly fixed: boolean;
  /** True when nothing needed attention, as found (before any fixing). Edited and foreign files are reported, not unhealthy. */
  readonly healthy: boolean;
}
