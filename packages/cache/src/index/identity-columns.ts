import type { FileIdentity } from '../files/identity.js';

interface Stored {
  readonly ino: number[];
  readonly mtime: number[];
}

/**
 * The inode and modification time of each row's file, kept apart from the other columns: only a
 * reconcile compares them, so `list` and `stats` (which need the rest of every row) never parse
 * them. The snapshot's rows are parsed on first use; rows appended since are held beside them. A
 * missing or damaged part leaves those rows without an identity, which only makes the next
 * reconcile read their files again.
 */
export class IdentityColumns {
  private stored: Stored | undefined;
  private readonly added: Stored = { ino: [], mtime: [] };

  /** `text` gives the identities of the snapshot's first `base` rows, read only when asked. */
  constructor(
    private text: (() => string) | undefined,
    private readonly base: number,
  ) {}

  push(identity: FileIdentity | undefined): void {
    this.added.ino.push(identity?.ino ?? -1);
    this.added.mtime.push(identity?.mtimeMs ?? -1);
  }

  /** The row's identity; `size` is the row's size column (a file's identity includes it). */
  get(row: number, size: number): FileIdentity | undefined {
    const from = row < this.base ? this.snapshotRows() : this.added;
    const index = row < this.base ? row : row - this.base;
    const ino = from.ino[index];
    const mtime = from.mtime[index];
    if (ino === undefined || mtime === undefined || ino < 0 || mtime < 0) return undefined;
    return { ino, size, mtimeMs: mtime };
  }

  /** Every row's identity, as the snapshot stores it. */
  encode(): string {
    const stored = this.base > 0 ? this.snapshotRows() : { ino: [], mtime: [] };
    return JSON.stringify({ ino: [...stored.ino, ...this.added.ino], mtime: [...stored.mtime, ...this.added.mtime] });
  }

  private snapshotRows(): Stored {
    if (!this.stored) {
      this.stored = parseStored(this.text?.(), this.base);
      this.text = undefined;
    }
    return this.stored;
  }
}

function parseStored(text: string | undefined, rows: number): Stored {
  try {
    const parsed = JSON.parse(text ?? '') as Partial<Stored>;
    if (
      Array.isArray(parsed.ino) &&
      Array.isArray(parsed.mtime) &&
      parsed.ino.length === rows &&
      parsed.mtime.length === rows
    )
      return { ino: parsed.ino, mtime: parsed.mtime };
  } catch {
    // Damaged: the rows have no identity, and the next reconcile reads their files.
  }
  return { ino: [], mtime: [] };
}
