import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CacheListings } from '../cache-listings.js';
import { cacheVersions } from '../cache-version.js';
import { sendTaggedJson } from '../http/conditional.js';
import { entriesPage } from './entries-page.js';
import { parseEntriesQuery } from './entries-query.js';

/**
 * `GET /api/entries`: one page of the table (see entries-page.ts), answered 304 when the client
 * has it. Tagged with the entries version and the query, so a page polling an unchanged cache gets 304s.
 * A filter on age matches more entries as time passes without the cache changing: that answer
 * is tagged by its content instead.
 */
export function sendEntriesPage(
  listings: CacheListings,
  request: IncomingMessage,
  response: ServerResponse,
  query: URLSearchParams,
): void {
  const entries = parseEntriesQuery(query);
  const version = () => cacheVersions(listings.cache.directory).entries;
  if (entries.filter.olderThan === undefined) {
    const queryDigest = shortDigest(query.toString());
    return sendTaggedJson(
      request,
      response,
      () => `"e-${version()}-${queryDigest}"`,
      () => entriesPage(listings, version(), entries),
    );
  }
  const page = entriesPage(listings, version(), entries);
  const etag = `"c-${shortDigest(JSON.stringify(page))}"`;
  return sendTaggedJson(
    request,
    response,
    () => etag,
    () => page,
  );
}

function shortDigest(text: string): string {
  return createHash('sha256').update(text).digest('base64url').slice(0, 16);
}
