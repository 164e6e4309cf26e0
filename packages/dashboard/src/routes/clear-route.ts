import { isEntryFileName, type Cache, type RemovalResult } from '@streamgank/cache';
import { HttpError } from '../http/responses.js';
import { parseEntryFilter } from './filter-input.js';

const BODY_FIELDS = new Set(['file', 'filter', 'all', 'dry_run']);

/**
 * `POST /api/clear` with `{ "file": "<entry>.json" }` for one entry, or `{ "filter": {…} }` for a
 * set (`"all": true` to clear every entry: an empty filter alone is refused), `"dry_run": true`
 * to see what would go. The token has been checked before this runs.
 */
export function clearFromRequest(cache: Cache, body: unknown): RemovalResult {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HttpError(400, 'Send a JSON object: {"file": "<entry>.json"} or {"filter": {...}}.');
  }
  const request = body as Record<string, unknown>;
  const unknown = Object.keys(request).find((name) => !BODY_FIELDS.has(name));
  if (unknown !== undefined) throw new HttpError(400, `Unknown field "${unknown}": use file, filter, all or dry_run.`);
  const dryRun = booleanField(request, 'dry_run');
  const all = booleanField(request, 'all');
  if (request['file'] !== undefined) {
    if (request['filter'] !== undefined || all) throw new HttpError(400, 'Give either "file" or "filter", not both.');
    return clearOneEntry(cache, request['file'], dryRun);
  }
  const rawFilter = request['filter'] ?? {};
  if (typeof rawFilter !== 'object' || rawFilter === null || Array.isArray(rawFilter)) {
    throw new HttpError(400, '"filter" must be an object such as {"data_type": "assets"}.');
  }
  const filter = parseEntryFilter(rawFilter as Record<string, unknown>);
  if (Object.keys(filter).length === 0 && !all) {
    throw new HttpError(400, 'An empty filter would clear every entry: send "all": true if that is what you mean.');
  }
  return cache.clear(filter, { dryRun });
}

function booleanField(request: Record<string, unknown>, name: string): boolean {
  const value = request[name];
  if (value === undefined) return false;
  if (typeof value !== 'boolean') throw new HttpError(400, `"${name}" must be true or false.`);
  return value;
}

/** One entry by its file name: the cache matches it exactly, corrupt files included, so nothing else can go with it. */
function clearOneEntry(cache: Cache, file: unknown, dryRun: boolean): RemovalResult {
  if (typeof file !== 'string' || !isEntryFileName(file)) {
    throw new HttpError(400, '"file" must be an entry file name such as script_result_us_horror_netflix.json.');
  }
  const result = cache.clear({ file }, { dryRun });
  if (result.removed.length === 0) throw new HttpError(404, `No cache entry named ${file}.`);
  return result;
}
