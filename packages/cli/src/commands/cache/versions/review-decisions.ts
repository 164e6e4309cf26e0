import type { Cache, HistoryVersion, ReplacedEntry } from '@streamgank/cache';

/** What became of one replaced entry in a review. */
export interface ReviewDecision {
  readonly file: string;
  readonly decision: 'kept' | 'reverted' | 'candidate_accepted' | 'not_reviewed';
  /** The version made current again, when one was. */
  readonly restored_version: number | null;
  readonly note?: string;
}

/** Bring back the version the current one replaced; an entry that was never replaced stays as it is. */
export function revert(cache: Cache, entry: ReplacedEntry): ReviewDecision {
  if (!entry.previous) return keep(entry, 'never replaced: nothing older to revert to');
  cache.restore(entry.file, entry.previous.version);
  return { file: entry.file, decision: 'reverted', restored_version: entry.previous.version };
}

/** Make a pinned entry's newest candidate current; it stays pinned. */
export function acceptCandidate(cache: Cache, entry: ReplacedEntry, candidate: HistoryVersion): ReviewDecision {
  cache.restore(entry.file, candidate.version);
  return { file: entry.file, decision: 'candidate_accepted', restored_version: candidate.version };
}

export function keep(entry: ReplacedEntry, note?: string): ReviewDecision {
  return { file: entry.file, decision: 'kept', restored_version: null, ...(note && { note }) };
}

/** `--revert-all` / `--keep-all`. Pinned entries are a person's choice: bulk actions leave them as they are. */
export function decideAll(
  cache: Cache,
  entries: readonly ReplacedEntry[],
  action: 'revert' | 'keep',
): ReviewDecision[] {
  return entries.map((entry) => {
    if (action === 'keep') return keep(entry);
    if (entry.pinned) return keep(entry, 'pinned: --revert-all leaves pinned entries as they are');
    return revert(cache, entry);
  });
}

/** "1 reverted, 2 kept": what a review did, for its last line. */
export function summarize(decisions: readonly ReviewDecision[]): string {
  const counts = new Map<ReviewDecision['decision'], number>();
  for (const { decision } of decisions) counts.set(decision, (counts.get(decision) ?? 0) + 1);
  const words: Record<ReviewDecision['decision'], string> = {
    reverted: 'reverted',
    candidate_accepted: 'candidates accepted',
    kept: 'kept',
    not_reviewed: 'not reviewed (left as they are)',
  };
  return (['reverted', 'candidate_accepted', 'kept', 'not_reviewed'] as const)
    .filter((decision) => counts.has(decision))
    .map((decision) => `${counts.get(decision)} ${words[decision]}`)
    .join(', ');
}

/** One line per decision, as the review reports it. */
export function describeDecision(decision: ReviewDecision, entry: ReplacedEntry): string {
  const note = decision.note ? ` (${decision.note})` : '';
  switch (decision.decision) {
    case 'reverted':
      return `  reverted ${decision.file} to version ${decision.restored_version} (saved ${entry.previous?.saved_datetime})${note}`;
    case 'candidate_accepted':
      return `  accepted candidate version ${decision.restored_version} of ${decision.file}; it stays pinned${note}`;
    case 'kept':
      return `  kept ${decision.file} as it is (saved ${entry.current.saved_datetime})${note}`;
    case 'not_reviewed':
      return `  left ${decision.file} as it is (not reviewed)`;
  }
}
