import { join } from 'node:path';
import type { Cache } from '@streamgank/cache';
import type { StoredBlob } from '../blob-ref.js';

const EXTENSIONS: Readonly<Record<string, string>> = {
  'image/png': '.png',
  'image/jpeg': '.jpg',
  'video/mp4': '.mp4',
  'audio/wav': '.wav',
  'audio/mpeg': '.mp3',
};

/**
 * Local files for blobs during one run: a file this run made is used where it is; a blob from an
 * earlier run is restored from the cache once, on first need.
 */
export class BlobFiles {
  private readonly known = new Map<string, Promise<string>>();
  private readonly made = new Map<string, string>();

  constructor(
    private readonly cache: Cache,
    /** Where restored blobs go; asked for only when one is needed. */
    private readonly dir: () => string,
  ) {}

  remember(blob: StoredBlob, path: string): void {
    this.known.set(blob.sha256, Promise.resolve(path));
    this.made.set(blob.sha256, path);
  }

  /** The file this run made for `blob`, if it made one (a blob from the cache was not made here). */
  madeHere(blob: StoredBlob): string | undefined {
    return this.made.get(blob.sha256);
  }

  path(blob: StoredBlob): Promise<string> {
    let path = this.known.get(blob.sha256);
    if (!path) {
      const destination = join(this.dir(), 'blobs', `${blob.sha256}${EXTENSIONS[blob.media_type] ?? ''}`);
      path = this.cache.restoreBlob(blob.sha256, destination).then(() => destination);
      this.known.set(blob.sha256, path);
    }
    return path;
  }
}
