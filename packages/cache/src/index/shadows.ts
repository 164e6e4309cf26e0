import { canonicalParameter } from '../entries/name.js';
import { repeatedValues } from './entry-hash.js';
import { KIND_CODE } from './table.js';
import type { IndexView } from './view.js';

/** Rows that another row holding the same entry hides, and the rows each shown row hides. */
export interface ShadowedRows {
  readonly hidden: ReadonlySet<number>;
  /** By shown row, the rows it hides (their files are the `shadowed_files`). */
  readonly by: ReadonlyMap<number, readonly number[]>;
}

const NONE: ShadowedRows = { hidden: new Set(), by: new Map() };

/**
 * Files that hold the same entry as another file (the Python version's name beside this
 * version's, a collision name beside a freed seed name): the newest is shown, the others are
 * hidden behind it. Only rows not at their seed name (`renamed`, with a `primary`) can start such a
 * group; the row at that seed name, when it holds the same entry, joins it.
 *
 * Two rows hold the same entry when their data type and canonical parameters are equal
 * (`entryKey`). Each row keeps a hash of those (`entryHash`), and the snapshot records whether
 * any two of its entry rows share one: as a rule none do (a cache of the Python version's files
 * has a renamed row per file and no twins), and then only the rows appended since are looked up.
 * Rows sharing a hash are compared by their name ids, each distinct name made canonical once. No
 * file name is needed, so `stats` never reads the names: the row at a group's seed name is the one
 * row not `renamed` that holds the group's entry (one seed name per entry, and a row not `renamed`
 * is at its own).
 */
export function shadowedRows(view: IndexView): ShadowedRows {
  const table = view.table;
  const c = table.columns;
  // Most caches have no renamed row: one pass over a byte column tells.
  if (c.renamed.subarray(0, table.size).indexOf(1) === -1) return NONE;
  if (!mayShareHashes(view)) return NONE;
  const rows = liveEntryRows(view);
  const hashes = new Int32Array(rows.length);
  for (let i = 0; i < rows.length; i += 1) hashes[i] = c.entryHash[rows[i] as number] as number;
  const shared = repeatedValues(hashes);
  if (shared.size === 0) return NONE;
  const hidden = new Set<number>();
  const by = new Map<number, number[]>();
  for (const group of groupsOf(c, keyIdsOf(c.names), rows, hashes, shared)) {
    // Newest first; of two saved at the same time, the row at the seed name is shown.
    group.sort(
      (a, b) =>
        table.savedTimestamp(b) - table.savedTimestamp(a) || (c.renamed[a] as number) - (c.renamed[b] as number),
    );
    const [shown, ...rest] = group as [number, ...number[]];
    for (const row of rest) hidden.add(row);
    by.set(shown, rest);
  }
  return { hidden, by };
}

/** Past this many rows appended since the snapshot, all rows are compared at once rather than each appended one. */
const APPENDED_ROWS_LOOKED_UP = 64;

/**
 * Whether two live entry rows may share an `entryHash`: not when the snapshot's rows share none
 * and no row appended since shares one with another live entry row.
 */
function mayShareHashes(view: IndexView): boolean {
  const table = view.table;
  const size = table.size;
  if (!table.snapshotHashesDistinct || size - table.snapshotRows > APPENDED_ROWS_LOOKED_UP) return true;
  const hashes = table.columns.entryHash.subarray(0, size);
  const liveEntry = liveEntryTest(view);
  for (let row = table.snapshotRows; row < size; row += 1) {
    if (!liveEntry(row)) continue;
    const hash = hashes[row] as number;
    for (let other = hashes.indexOf(hash); other !== -1; other = hashes.indexOf(hash, other + 1)) {
      if (other !== row && liveEntry(other)) return true;
    }
  }
  return false;
}

/** Whether a row is live and holds an entry (not a corrupt or foreign file). */
function liveEntryTest(view: IndexView): (row: number) => boolean {
  const { kind } = view.table.columns;
  const dead = view.deadRows;
  return (row) => kind[row] === KIND_CODE.entry && (dead.size === 0 || !dead.has(row));
}

/** The live rows that hold an entry. */
function liveEntryRows(view: IndexView): Int32Array {
  const size = view.table.size;
  const liveEntry = liveEntryTest(view);
  const rows = new Int32Array(size);
  let count = 0;
  for (let row = 0; row < size; row += 1) if (liveEntry(row)) rows[count++] = row;
  return rows.subarray(0, count);
}

/**
 * The groups of two or more of `rows` holding one entry, one of them at least `renamed`, among the
 * rows whose hash is in `shared` (`hashes` holds each row's hash, side by side with `rows`).
 */
function groupsOf(
  c: IndexView['table']['columns'],
  ids: KeyIds,
  rows: Int32Array,
  hashes: Int32Array,
  shared: ReadonlySet<number>,
): number[][] {
  const candidates = new Map<number, number[]>();
  rows.forEach((row, i) => {
    const hash = hashes[i] as number;
    if (!shared.has(hash)) return;
    const same = candidates.get(hash);
    if (same) same.push(row);
    else candidates.set(hash, [row]);
  });
  const same = (column: Int32Array, ofName: Int32Array, a: number, b: number) =>
    ofName[column[a] as number] === ofName[column[b] as number];
  const sameEntry = (a: number, b: number) =>
    same(c.type, ids.exact, a, b) &&
    same(c.country, ids.canonical, a, b) &&
    same(c.genre, ids.canonical, a, b) &&
    same(c.platform, ids.canonical, a, b);
  const groups: number[][] = [];
  for (const candidateRows of candidates.values()) {
    // A hash shared by different entries is rare: split its rows by what they hold.
    const split: [number, ...number[]][] = [];
    for (const row of candidateRows) {
      const group = split.find((members) => sameEntry(members[0], row));
      if (group) group.push(row);
      else split.push([row]);
    }
    for (const group of split) if (group.length > 1 && group.some((row) => c.renamed[row] === 1)) groups.push(group);
  }
  return groups;
}

/**
 * For each name id, the id of the name itself (two ids may name one string in a hand-made
 * snapshot) and of its canonical form (`canonicalParameter`): equal ids, the same parameter.
 */
interface KeyIds {
  readonly exact: Int32Array;
  readonly canonical: Int32Array;
}

function keyIdsOf(names: readonly string[]): KeyIds {
  const exact = new Int32Array(names.length);
  const canonical = new Int32Array(names.length);
  const byName = new Map<string, number>();
  const byCanonical = new Map<string, number>();
  const idOf = (map: Map<string, number>, value: string) => {
    let id = map.get(value);
    if (id === undefined) {
      id = map.size;
      map.set(value, id);
    }
    return id;
  };
  names.forEach((name, id) => {
    exact[id] = idOf(byName, name);
    canonical[id] = idOf(byCanonical, canonicalParameter(name));
  });
  return { exact, canonical };
}
