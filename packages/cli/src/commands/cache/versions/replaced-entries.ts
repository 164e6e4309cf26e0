import type { Cache, ReplacedEntry } from '@streamgank/cache';

/**
 * What `cache review` walks: the entries `cache.replacedSince` finds, and pinned entries that gained
 * a candidate since then. `replacedSince` leaves out a pinned entry whose history holds candidates
 * only (one pinned, then refreshed, was never replaced, so it has no previous version), though its
 * candidate is what a review of it is about. For such an entry `previous` is its current version:
 * there is nothing older to revert to, and a review of a pinned entry only keeps it or accepts a candidate.
 */
export function entriesToReview(cache: Cache, sinceMs: number): ReplacedEntry[] {
  const replaced = cache.replacedSince(sinceMs);
  const listed = new Set(replaced.map((entry) => entry.file));
  const candidatesOnly = cache
    .list()
    .files.filter((entry) => entry.pinned && !listed.has(entry.filename))
    .flatMap((entry): ReplacedEntry[] => {
      const history = cache.history(entry.filename);
      const current = history.versions.find((version) => version.current);
      const candidates = history.versions.filter(
        (version) => version.candidate && (version.replaced_timestamp ?? 0) * 1000 >= sinceMs,
      );
      if (!current || candidates.length === 0) return [];
      const replacedTimestamp = Math.max(...candidates.map((version) => version.replaced_timestamp ?? 0));
      return [
        {
          file: history.file,
          replaced_timestamp: replacedTimestamp,
          pinned: true,
          current,
          previous: current,
          candidates,
        },
      ];
    });
  return [...replaced, ...candidatesOnly].sort((a, b) => b.replaced_timestamp - a.replaced_timestamp);
}
