import type { IncomingMessage, ServerResponse } from 'node:http';
import { SECURITY_HEADERS, sendJson } from './responses.js';

/**
 * Polled JSON may be kept by the client and must be asked for again each time: with the ETag
 * the client sends back, an unchanged answer costs a 304 and no body.
 */
const REVALIDATE = 'private, no-cache';

/** `If-None-Match` as RFC 9110 reads it: `*`, or a list of tags, weak ones compared weakly. */
export function etagMatches(request: IncomingMessage, etag: string): boolean {
  const header = request.headers['if-none-match'];
  if (header === undefined) return false;
  if (header.trim() === '*') return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => opaque(tag) === opaque(etag));
}

/**
 * Answer with the JSON `produce` makes, tagged with `currentTag()`, or with 304 when the client
 * already holds that tag. The tag is read before and after producing: when they differ, the
 * cache changed meanwhile (often the listing itself brought the cache's index up to date), so the
 * answer is made once more and tagged only if the tag then held still. An answer is never tagged
 * with a version older than what it shows nor newer, so a poll neither misses a change nor
 * fetches again what it has.
 */
export function sendTaggedJson(
  request: IncomingMessage,
  response: ServerResponse,
  currentTag: () => string,
  produce: () => unknown,
): void {
  const before = currentTag();
  if (etagMatches(request, before)) {
    response.writeHead(304, { ...SECURITY_HEADERS, ETag: before, 'Cache-Control': REVALIDATE });
    response.end();
    return;
  }
  let body = produce();
  let etag: string | undefined = currentTag();
  if (etag !== before) {
    body = produce();
    if (currentTag() !== etag) etag = undefined;
  }
  sendJson(response, 200, body, {
    'Cache-Control': REVALIDATE,
    ...(etag !== undefined && { ETag: etag }),
  });
}
