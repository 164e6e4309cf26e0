import type { BlobRef } from '../entries/format.js';
import type { IndexTable } from './table.js';

interface ListedFile {
  readonly filename: string;
}

/**
 * The blob lists of one listing's entries, each built when it is first read. Building them all
 * at once made a listing of 10,000 entries with two blobs each build three objects more per
 * entry, and cost it more than the entries themselves in a fresh process; most readers of a
 * listing never look at them. `blobs` is an own, enumerable accessor, so reading, spreading,
 * comparing and serializing an entry all see a plain list, and the same list every time. The
 * listing keeps its table (read once per call, never changed after) until its entries are gone.
 */
export class ListedBlobs {
  private readonly rows: number[] = [];
  private rowOfFile: Map<string, number> | undefined;
  private readonly built = new Map<number, readonly BlobRef[]>();
  /** One accessor for every entry: it finds the entry's row by its file name, unique in a listing. */
  private readonly blobs: PropertyDescriptor;

  constructor(private readonly table: IndexTable) {
    this.blobs = accessorOf((file) => this.of(file));
  }

  /** Gives `entry` the blobs of `row`, read from the table when first asked for. */
  attach(entry: object, row: number): void {
    this.rows.push(row);
    Object.defineProperty(entry, 'blobs', this.blobs);
  }

  private of(file: string): readonly BlobRef[] {
    if (!this.rowOfFile) {
      this.rowOfFile = new Map();
      for (const row of this.rows) this.rowOfFile.set(this.table.file(row), row);
    }
    const row = this.rowOfFile.get(file);
    if (row === undefined)
      throw new TypeError(`A listed entry's filename was changed to ${file}; list the cache again.`);
    let blobs = this.built.get(row);
    if (!blobs) {
      blobs = this.table.blobs(row);
      this.built.set(row, blobs);
    }
    return blobs;
  }
}

/** An accessor that reads the list of the entry it is read from (`this`), by its file name. */
function accessorOf(listOf: (file: string) => readonly BlobRef[]): PropertyDescriptor {
  return {
    enumerable: true,
    get(this: ListedFile): readonly BlobRef[] {
      return listOf(this.filename);
    },
  };
}
