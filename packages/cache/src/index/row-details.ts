import type { FileIdentity } from '../files/identity.js';

/** The columns that `list` and a reconcile read and `stats` does not: the snapshot's second part. */
export interface RowDetailColumns {
  readonly file: string[];
  readonly datetime: string[];
  readonly ino: number[];
  readonly mtime: number[];
}

/**
 * Each row's file name, saved date and file identity (inode, modification time), parsed from the
 * snapshot on first use. They are a third of the snapshot and `stats` over a large cache needs
 * none of them. The snapshot records their SHA-256, checked before the table is used, so a
 * damaged second part rejects the whole snapshot up front (the files are then read again) and
 * parsing it later cannot fail.
 */
export class RowDetails {
  private parsed: RowDetailColumns | undefined;

  constructor(
    private source: (() => RowDetailColumns) | undefined,
    private readonly rows: number,
  ) {}

  /** The columns, parsed now if they were not yet. */
  columns(): RowDetailColumns {
    if (!this.parsed) {
      const parsed = this.source?.() ?? { file: [], datetime: [], ino: [], mtime: [] };
      this.source = undefined;
      for (const column of [parsed.file, parsed.datetime, parsed.ino, parsed.mtime]) {
        if (!Array.isArray(column) || column.length !== this.rows)
          throw new Error(
            'the cache index snapshot does not match its own record of itself; run `streamgank cache verify --fix` to rebuild it',
          );
      }
      this.parsed = parsed;
    }
    return this.parsed;
  }

  push(file: string, datetime: string, identity: FileIdentity | undefined): void {
    const columns = this.columns();
    columns.file.push(file);
    columns.datetime.push(datetime);
    columns.ino.push(identity?.ino ?? -1);
    columns.mtime.push(identity?.mtimeMs ?? -1);
  }

  /** The row's identity; `size` is the row's size column (a file's identity includes it). */
  identity(row: number, size: number): FileIdentity | undefined {
    const { ino, mtime } = this.columns();
    const inode = ino[row];
    const modified = mtime[row];
    if (inode === undefined || modified === undefined || inode < 0 || modified < 0) return undefined;
    return { ino: inode, size, mtimeMs: modified };
  }
}
