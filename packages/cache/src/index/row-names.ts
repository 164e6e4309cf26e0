import { lazySection } from './lazy-section.js';

/** Each row's file name and saved date: what `list` reads and `stats` does not. */
export interface RowNameColumns {
  readonly file: string[];
  readonly datetime: string[];
}

/** The rows' names, parsed from the snapshot on first use: they are half of the snapshot. */
export class RowNames {
  readonly all: () => RowNameColumns;

  constructor(source: (() => unknown) | undefined, rows: number) {
    const fits = (column: unknown) => Array.isArray(column) && column.length === rows;
    this.all = lazySection(
      source,
      () => ({ file: [], datetime: [] }),
      (value): value is RowNameColumns => {
        const columns = value as Partial<RowNameColumns> | null;
        return fits(columns?.file) && fits(columns?.datetime);
      },
    );
  }

  push(file: string, datetime: string): void {
    const columns = this.all();
    columns.file.push(file);
    columns.datetime.push(datetime);
  }
}
