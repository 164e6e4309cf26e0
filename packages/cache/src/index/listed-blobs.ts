import type { BlobRef } from '../entries/format.js';
import type { IndexView } from './view.js';

interface ListedFile {
  readonly filename: string;
}

/**
 * The blob lists of one listing's entries, each built when it is first read. Building them all
 * at once made a listing of 10,000 entries with two blobs each build three objects more per
 * entry, and cost it more than the entries themselves in a fresh process; most readers of a
 * listing never look at them. An entry gets `descriptor` as its `blobs`: an own, enumerable
 * accessor, so reading, spreading, comparing and serializing it all see a plain list, and the
 * same list every time. The listing keeps its view (read for this call, never changed after)
 * until its entries are gone.
 */
export class ListedBlobs {
  private readonly built = new Map<number, readonly BlobRef[]>();
  /** One accessor for every entry: it finds the entry's row by its file name, unique in a view. */
  readonly descriptor: PropertyDescriptor;

  constructor(private readonly view: IndexView) {
    this.descriptor = accessorOf((file) => this.of(file));
  }

  private of(file: string): readonly BlobRef[] {
    const row = this.view.rowOfFile(file);
    if (row === undefined)
      throw new TypeError(`A listed entry's filename was changed to ${file}; list the cache again.`);
    let blobs = this.built.get(row);
    if (!blobs) {
      blobs = this.view.table.blobs(row);
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
