/**
 * An entry's status, as list, stats, show and the dashboard report it:
 * `ok`; `legacy` (the Python version's, no fingerprint); `stale` (its inputs changed since it was
 * saved, found by a read); `edited` (its data changed by hand after it was saved); `corrupt`
 * (cannot be read as an entry, or a blob it needs is gone).
 */
export type EntryStatus = 'ok' | 'legacy' | 'stale' | 'edited' | 'corrupt';

export const ENTRY_STATUSES: readonly EntryStatus[] = ['ok', 'legacy', 'stale', 'edited', 'corrupt'];

/** The one place an entry's status is decided; the worst thing known about it wins. */
export function entryStatus(facts: {
  readonly corrupt: boolean;
  readonly edited: boolean;
  readonly stale: boolean;
  readonly legacy: boolean;
}): EntryStatus {
  if (facts.corrupt) return 'corrupt';
  if (facts.edited) return 'edited';
  if (facts.stale) return 'stale';
  return facts.legacy ? 'legacy' : 'ok';
}
