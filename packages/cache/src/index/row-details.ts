import type { Sparse } from './columns.js';
import { lazySection } from './lazy-section.js';

/**
 * What a few rows have and neither `list` nor `stats` reads: the seed name of an entry whose file
 * has another name, and the entry files an entry was made from. A pipeline's cache has a lineage on
 * most rows, and a cache of the Python version's files a seed name on most.
 */
export interface RowDetailColumns {
  readonly primary: Sparse<string>;
  readonly upstream: Sparse<string[]>;
}

const isSparse = (value: unknown) => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The rows' details, parsed from the snapshot on first use. Rows appended before then keep theirs
 * aside, so a listing that applies the journal's records does not parse the snapshot's details.
 */
export class RowDetails {
  private readonly read: () => RowDetailColumns;
  private parsed = false;
  private readonly added: RowDetailColumns = { primary: {}, upstream: {} };

  constructor(source: (() => unknown) | undefined) {
    this.read = lazySection(
      source,
      () => ({ primary: {}, upstream: {} }),
      (value): value is RowDetailColumns => {
        const columns = value as Partial<RowDetailColumns> | null;
        return isSparse(columns?.primary) && isSparse(columns?.upstream);
      },
    );
  }

  all(): RowDetailColumns {
    const columns = this.read();
    if (!this.parsed) {
      Object.assign(columns.primary, this.added.primary);
      Object.assign(columns.upstream, this.added.upstream);
      this.parsed = true;
    }
    return columns;
  }

  set(row: number, primary: string | undefined, upstream: readonly string[] | undefined): void {
    const columns = this.parsed ? this.read() : this.added;
    if (primary) columns.primary[row] = primary;
    if (upstream && upstream.length > 0) columns.upstream[row] = [...upstream];
  }
}
