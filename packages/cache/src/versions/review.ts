import type { CacheContext } from '../context.js';
import { entryHistory, type HistoryVersion } from './history.js';

/** An entry replaced since a given time, as `cache review` walks them. */
export interface ReplacedEntry {
  readonly file: string;
  /** When it was last replaced (seconds). */
  readonly replaced_timestamp: number;
  readonly pinned: boolean;
  readonly current: HistoryVersion;
  /**
   * The version the current one replaced (what "revert" brings back). None for a pinned entry
   * that was never replaced: refreshing it only added candidates.
   */
  readonly previous?: HistoryVersion;
  /** For a pinned entry: results made for it since, kept as candidates instead of replacing it. */
  readonly candidates: readonly HistoryVersion[];
}

/** Entries whose history gained a version at or after `sinceMs`, most recently replaced first. */
export function replacedSince(context: CacheContext, sinceMs: number): ReplacedEntry[] {
  const found: ReplacedEntry[] = [];
  for (const historyOf of context.versions.entryFiles()) {
    const recent = context.versions.list(historyOf).filter((stored) => stored.mtime_ms >= sinceMs);
    if (recent.length === 0) continue;
    let history;
    try {
      history = entryHistory(context, historyOf);
    } catch {
      continue;
    }
    const current = history.versions.find((version) => version.current);
    const previous = history.versions.find((version) => !version.current && !version.candidate);
    const candidates = history.versions.filter(
      (version) => version.candidate && (version.replaced_timestamp ?? 0) * 1000 >= sinceMs,
    );
    if (!current || (!previous && candidates.length === 0)) continue;
    found.push({
      file: history.file,
      replaced_timestamp: Math.max(...recent.map((stored) => stored.mtime_ms)) / 1000,
      pinned: history.pinned,
      current,
      ...(previous && { previous }),
      candidates,
    });
  }
  return found.sort((a, b) => b.replaced_timestamp - a.replaced_timestamp);
}
