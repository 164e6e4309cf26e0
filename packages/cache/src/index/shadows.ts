import { canonicalParameter } from '../entries/name.js';
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
 * (`entryKey`). That is decided here from the name ids, with each distinct name made canonical
 * once, and rows are first told apart by a 32-bit hash of those ids: a cache of the Python
 * version's files has thousands of renamed rows, and making every row's parameters canonical, or
 * a string key of each, cost more than the rest of `stats`. No file name is needed, so `stats`
 * never reads the names: the row at a group's seed name is the one row not `renamed` that holds
 * the group's entry (one seed name per entry, and a row not `renamed` is at its own).
 */
export function shadowedRows(view: IndexView): ShadowedRows {
  const table = view.table;
  const c = table.columns;
  // Most caches have no renamed row: one pass over a byte column tells.
  if (c.renamed.subarray(0, table.size).indexOf(1) === -1) return NONE;
  const ids = keyIdsOf(c.names);
  const { rows, hashes } = entryHashes(view, ids);
  // As a rule no two files hold one entry (a cache of the Python version's files has a renamed row
  // per file and no twins).
  if (!hasRepeats(hashes)) return NONE;
  const hidden = new Set<number>();
  const by = new Map<number, number[]>();
  for (const group of groupsOf(c, ids, rows, hashes)) {
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

/**
 * The groups of two or more of `rows` holding one entry, one of them at least `renamed` (`hashes`
 * holds each row's hash, side by side with `rows`).
 */
function groupsOf(c: IndexView['table']['columns'], ids: KeyIds, rows: Int32Array, hashes: Int32Array): number[][] {
  const candidates = new Map<number, number[]>();
  rows.forEach((row, i) => {
    const hash = hashes[i] as number;
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
    if (candidateRows.length < 2) continue;
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

/**
 * The live rows holding an entry (not a corrupt or foreign file), and side by side with them a
 * 32-bit hash of what makes each one's entry (`entryKey`): equal entries, equal hashes. One loop
 * over the columns with nothing called but `Math.imul`: it runs over every row of the cache.
 */
function entryHashes(view: IndexView, ids: KeyIds): { rows: Int32Array; hashes: Int32Array } {
  const { kind, type, country, genre, platform } = view.table.columns;
  const { exact, canonical } = ids;
  const size = view.table.size;
  const dead = view.deadRows;
  const rows = new Int32Array(size);
  const hashes = new Int32Array(size);
  let count = 0;
  for (let row = 0; row < size; row += 1) {
    if (kind[row] !== KIND_CODE.entry || (dead.size > 0 && dead.has(row))) continue;
    // A name id of -1 (none) has no entry in the tables: it hashes as 0.
    let hash = Math.imul((exact[type[row] as number] ?? -1) + 1, 0x9e3779b1);
    hash = Math.imul(hash ^ ((canonical[country[row] as number] ?? -1) + 1), 0x85ebca77);
    hash = Math.imul(hash ^ ((canonical[genre[row] as number] ?? -1) + 1), 0xc2b2ae3d);
    hash = Math.imul(hash ^ ((canonical[platform[row] as number] ?? -1) + 1), 0x27d4eb2f);
    rows[count] = row;
    hashes[count] = hash ^ (hash >>> 15);
    count += 1;
  }
  return { rows: rows.subarray(0, count), hashes: hashes.subarray(0, count) };
}

/**
 * Whether any value is there twice: sorted natively, equal values sit side by side. A set of
 * 10,000 numbers, even one built natively, cost four times as much in a fresh process.
 */
function hasRepeats(values: Int32Array): boolean {
  const sorted = values.slice().sort();
  for (let i = 1; i < sorted.length; i += 1) if (sorted[i] === sorted[i - 1]) return true;
  return false;
}
