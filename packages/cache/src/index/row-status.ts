import { entryStatus, type EntryStatus } from '../entries/status.js';
import type { IndexView } from './view.js';

/**
 * `entryStatus` of every combination of the four facts, by `corrupt << 3 | edited << 2 | stale << 1 |
 * legacy`: a row's status is a lookup, with no object built per row (a cache of the Python
 * version's files has `legacy` on every row).
 */
const STATUS_BY_FACTS: readonly EntryStatus[] = Array.from({ length: 16 }, (_, facts) =>
  entryStatus({
    corrupt: (facts & 8) !== 0,
    edited: (facts & 4) !== 0,
    stale: (facts & 2) !== 0,
    legacy: (facts & 1) !== 0,
  }),
);

/** A row's status: the one place a row's status comes from (`stale`, when the caller has it already). */
export function rowStatus(view: IndexView, row: number, stale = view.staleReasons(row)): EntryStatus {
  const c = view.table.columns;
  const facts =
    (c.corrupt[row] !== undefined ? 8 : 0) |
    (c.edited[row] === 1 ? 4 : 0) |
    (stale !== undefined ? 2 : 0) |
    (c.legacy[row] === 1 ? 1 : 0);
  return STATUS_BY_FACTS[facts] as EntryStatus;
}

/**
 * The status of a row that is neither stale nor corrupt, by `(edited & 1) << 1 | (legacy & 1)` of its
 * byte columns: for the loops over every row of a large cache, where a call per row costs more
 * than the rest of the row in a fresh process. Rows `markedRows` names go through `rowStatus`.
 */
export const PLAIN_ROW_STATUS: readonly EntryStatus[] = [0, 1, 2, 3].map(
  (bits) => STATUS_BY_FACTS[((bits & 2) << 1) | (bits & 1)] as EntryStatus,
);

/** By row, 1 for the rows with stale reasons or a corrupt reason; undefined when there are none. */
export function markedRows(view: IndexView): Uint8Array | undefined {
  const { stale, corrupt } = view.table.columns;
  const rows = [...Object.keys(stale), ...Object.keys(corrupt)].map(Number);
  rows.push(...view.rowsFoundStale());
  if (rows.length === 0) return undefined;
  const marks = new Uint8Array(view.table.size);
  for (const row of rows) marks[row] = 1;
  return marks;
}
