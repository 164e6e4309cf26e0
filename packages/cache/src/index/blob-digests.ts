import { DIGEST_LENGTH } from './columns.js';

/** Cuts the digests' text into its digests (any characters: the text's length is checked on decode). */
const EVERY_DIGEST = new RegExp(`[^]{${DIGEST_LENGTH}}`, 'g');

/**
 * Each distinct blob digest of the index once, by id (the `blobRefs` column holds ids). The
 * snapshot keeps them as one run of text after the numeric columns, read when a digest is first
 * asked for: `stats` and a listing whose blobs nobody reads need only their count. In the header's
 * JSON, the 2,000 digests of a pipeline's cache were most of what every listing parsed.
 */
export class BlobDigests {
  private list: string[] | undefined;
  private ids: Map<string, number> | undefined;

  constructor(
    private source: (() => string) | undefined,
    /** How many the snapshot holds, known before its text is cut. */
    private readonly snapshotCount: number,
  ) {}

  /** How many digests there are: ids run from 0 below this. */
  get count(): number {
    return this.list ? this.list.length : this.snapshotCount;
  }

  /**
   * The digest with id `id`. The text that holds them all is cut in one native call when a digest
   * is first asked for: a listing asks for every one, and a cut per digest, run 20,000 times before
   * the JIT has warmed up, cost it a tenth of its time.
   */
  digest(id: number): string {
    return this.all()[id] as string;
  }

  /** The id of `sha256`, given it now if it had none. */
  idOf(sha256: string): number {
    if (!this.ids) this.ids = new Map(this.all().map((digest, id) => [digest, id]));
    let id = this.ids.get(sha256);
    if (id === undefined) {
      id = this.all().push(sha256) - 1;
      this.ids.set(sha256, id);
    }
    return id;
  }

  /** Every digest in id order, as one run of text (the snapshot's section). */
  text(): string {
    return this.all().join('');
  }

  private all(): string[] {
    if (!this.list) {
      this.list = this.source ? (this.source().match(EVERY_DIGEST) ?? []) : [];
      this.source = undefined;
    }
    return this.list;
  }
}
