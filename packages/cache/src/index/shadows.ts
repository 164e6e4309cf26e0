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
  const isEntry = (row: number) => c.kind[row] === KIND_CODE.entry;
  // Made when the first renamed row is met: most caches have none.
  let ids: KeyIds | undefined;
  const keyIds = () => (ids ??= keyIdsOf(c.names));
  const hashOf = (row: number) => entryHash(keyIds(), c, row);
  // Numbers, not strings, while looking: a cache of the Python version's files has thousands of
  // renamed rows and, as a rule, no two files holding one entry.
  const renamed = new Set<number>();
  const shared = new Set<number>();
  view.forEachRow((row) => {
    if (c.renamed[row] !== 1 || !isEntry(row)) return;
    const hash = hashOf(row);
    if (renamed.has(hash)) shared.add(hash);
    else renamed.add(hash);
  });
  if (renamed.size === 0) return NONE;
  view.forEachRow((row) => {
    if (c.renamed[row] === 1 || !isEntry(row)) return;
    const hash = hashOf(row);
    if (renamed.has(hash)) shared.add(hash);
  });
  if (shared.size === 0) return NONE;
  const hidden = new Set<number>();
  const by = new Map<number, number[]>();
  for (const group of groupsOf(view, keyIds(), shared, isEntry)) {
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

/** The rows holding one entry, two or more, among the entry rows whose hash is in `hashes`. */
function groupsOf(
  view: IndexView,
  ids: KeyIds,
  hashes: ReadonlySet<number>,
  isEntry: (row: number) => boolean,
): number[][] {
  const c = view.table.columns;
  const candidates = new Map<number, number[]>();
  view.forEachRow((row) => {
    if (!isEntry(row)) return;
    const hash = entryHash(ids, c, row);
    if (!hashes.has(hash)) return;
    const rows = candidates.get(hash);
    if (rows) rows.push(row);
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
  for (const rows of candidates.values()) {
    // A hash shared by different entries is rare: split its rows by what they hold.
    const split: [number, ...number[]][] = [];
    for (const row of rows) {
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

/** A 32-bit hash of what makes a row's entry (`entryKey`): equal entries, equal hashes. */
function entryHash(ids: KeyIds, c: IndexView['table']['columns'], row: number): number {
  const id = (column: Int32Array, ofName: Int32Array) => (ofName[column[row] as number] ?? -1) + 1;
  let hash = Math.imul(id(c.type, ids.exact), 0x9e3779b1);
  hash = Math.imul(hash ^ id(c.country, ids.canonical), 0x85ebca77);
  hash = Math.imul(hash ^ id(c.genre, ids.canonical), 0xc2b2ae3d);
  hash = Math.imul(hash ^ id(c.platform, ids.canonical), 0x27d4eb2f);
  return hash ^ (hash >>> 15);
}
