import type { BlobChange, BlobDescriber, BlobFacts, EntryDiff, EntryHistory } from '@streamgank/cache';
import { isEntryFileName, VersionNotFoundError } from '@streamgank/cache';
import type { CacheListings } from '../cache-listings.js';
import { cacheVersions } from '../cache-version.js';
import { HttpError } from '../http/responses.js';
import { blobKind, type BlobView } from './read-routes.js';

/** A blob of one side of a diff, with where the page gets it and how it shows it. */
export interface DiffBlobView extends BlobFacts {
  readonly url: string;
  readonly display: BlobView['kind'];
}

export interface DiffView extends Omit<EntryDiff, 'blobs'> {
  readonly blobs: { readonly before?: DiffBlobView; readonly after?: DiffBlobView; readonly bytes_changed: boolean }[];
}

/** `GET /api/entries/<file>/history`: the entry's versions, newest first. */
export function historyView(listings: CacheListings, file: string): EntryHistory {
  return listings.cache.history(listedEntry(listings, file));
}

/** `GET /api/entries/<file>/diff?from=1&to=0`: two versions side by side, media facts from `describeBlob` when given. */
export async function diffView(
  listings: CacheListings,
  file: string,
  query: URLSearchParams,
  describeBlob: BlobDescriber | undefined,
): Promise<DiffView> {
  const name = listedEntry(listings, file);
  const from = versionParameter(query, 'from', 1);
  const to = versionParameter(query, 'to', 0);
  for (const key of query.keys()) {
    if (key !== 'from' && key !== 'to') throw new HttpError(400, `Unknown parameter "${key}": send from and to.`);
  }
  let diff: EntryDiff;
  try {
    diff = await listings.cache.diff(name, { from, to, ...(describeBlob && { describeBlob }) });
  } catch (error) {
    if (error instanceof VersionNotFoundError) throw new HttpError(404, error.message);
    throw error;
  }
  return { ...diff, blobs: diff.blobs.map(pairView) };
}

/** Only names the cache lists: a name that is not an entry's is a 400, one the cache does not hold a 404. */
function listedEntry(listings: CacheListings, file: string): string {
  if (!isEntryFileName(file)) {
    throw new HttpError(
      400,
      'Bad entry name: expected a cache entry file name such as script_result_us_horror_netflix.json.',
    );
  }
  const version = cacheVersions(listings.cache.directory).entries;
  if (!listings.all(version).some((entry) => entry.filename === file)) {
    throw new HttpError(404, `No cache entry named ${file}.`);
  }
  return file;
}

const MAX_VERSION = 1000;

function versionParameter(query: URLSearchParams, name: string, fallback: number): number {
  const values = query.getAll(name);
  if (values.length > 1) throw new HttpError(400, `Send ${name} once.`);
  if (values.length === 0) return fallback;
  const value = values[0] ?? '';
  if (!/^\d{1,4}$/.test(value) || Number(value) > MAX_VERSION) {
    throw new HttpError(400, `Bad ${name}: expected a version number, 0 (the current one) to ${MAX_VERSION}.`);
  }
  return Number(value);
}

function pairView(pair: BlobChange): DiffView['blobs'][number] {
  return {
    ...(pair.before && { before: blobView(pair.before) }),
    ...(pair.after && { after: blobView(pair.after) }),
    bytes_changed: pair.bytes_changed,
  };
}

function blobView(facts: BlobFacts): DiffBlobView {
  return { ...facts, url: `/blobs/${facts.sha256}`, display: blobKind(facts.media_type) };
}
