import type { FileIdentity } from '../files/identity.js';

/** Each row's file name and saved date: what `list` reads and `stats` does not. */
export interface RowNameColumns {
  readonly file: string[];
  readonly datetime: string[];
}

/** Each row's file identity (inode, modification time): what only a reconcile reads. */
export interface RowIdentityColumns {
  readonly ino: number[];
  readonly mtime: number[];
}

type Source<T> = (() => T) | undefined;

/**
 * The parts of each row that not every reader needs, parsed from the snapshot on first use: the
 * names (a listing) and the identities (a reconcile). Together they are half of the snapshot, and
 * `stats` over a large cache needs neither. The snapshot records their SHA-256, checked before the
 * table is used, so a damaged part rejects the whole snapshot up front (the files are then read
 * again) and parsing it later cannot fail.
 */
export class RowDetails {
  private names: RowNameColumns | undefined;
  private identities: RowIdentityColumns | undefined;

  constructor(
    private namesSource: Source<RowNameColumns>,
    private identitiesSource: Source<RowIdentityColumns>,
    private readonly rows: number,
  ) {}

  nameColumns(): RowNameColumns {
    if (!this.names) {
      this.names = this.checked(this.namesSource?.() ?? { file: [], datetime: [] });
      this.namesSource = undefined;
    }
    return this.names;
  }

  identityColumns(): RowIdentityColumns {
    if (!this.identities) {
      this.identities = this.checked(this.identitiesSource?.() ?? { ino: [], mtime: [] });
      this.identitiesSource = undefined;
    }
    return this.identities;
  }

  push(file: string, datetime: string, identity: FileIdentity | undefined): void {
    const names = this.nameColumns();
    names.file.push(file);
    names.datetime.push(datetime);
    const identities = this.identityColumns();
    identities.ino.push(identity?.ino ?? -1);
    identities.mtime.push(identity?.mtimeMs ?? -1);
  }

  /** The row's identity; `size` is the row's size column (a file's identity includes it). */
  identity(row: number, size: number): FileIdentity | undefined {
    const { ino, mtime } = this.identityColumns();
    const inode = ino[row];
    const modified = mtime[row];
    if (inode === undefined || modified === undefined || inode < 0 || modified < 0) return undefined;
    return { ino: inode, size, mtimeMs: modified };
  }

  private checked<T extends object>(columns: T): T {
    for (const column of Object.values(columns)) {
      if (!Array.isArray(column) || column.length !== this.rows)
        throw new Error(
          'the cache index snapshot does not match its own record of itself; run `streamgank cache verify --fix` to rebuild it',
        );
    }
    return columns;
  }
}
