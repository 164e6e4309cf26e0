/** Each row's file name and saved date: what `list` reads and `stats` does not. */
export interface RowNameColumns {
  readonly file: string[];
  readonly datetime: string[];
}

/**
 * The rows' names, parsed from the snapshot on first use: they are half of the snapshot, and
 * `stats` over a large cache does not need them. The snapshot's digest is checked before the table
 * is used, so a damaged line rejects the whole snapshot up front and parsing it later cannot fail.
 */
export class RowNames {
  private columns: RowNameColumns | undefined;

  constructor(
    private source: (() => RowNameColumns) | undefined,
    private readonly rows: number,
  ) {}

  all(): RowNameColumns {
    if (!this.columns) {
      this.columns = this.checked(this.source?.() ?? { file: [], datetime: [] });
      this.source = undefined;
    }
    return this.columns;
  }

  push(file: string, datetime: string): void {
    const columns = this.all();
    columns.file.push(file);
    columns.datetime.push(datetime);
  }

  private checked(columns: RowNameColumns): RowNameColumns {
    const fits = (column: unknown) => Array.isArray(column) && column.length === this.rows;
    if (!fits(columns.file) || !fits(columns.datetime))
      throw new Error(
        'the cache index snapshot does not match its own record of itself; run `streamgank cache verify --fix` to rebuild it',
      );
    return columns;
  }
}
