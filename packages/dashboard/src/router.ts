import type { IncomingMessage, ServerResponse } from 'node:http';
import { isEntryFileName, type BlobDescriber, type Cache } from '@streamgank/cache';
import type { CacheListings } from './cache-listings.js';
import { cacheVersions } from './cache-version.js';
import { isAllowedHost } from './host-check.js';
import type { KeptVersionBlobs } from './kept-version-blobs.js';
import { sendTaggedJson } from './http/conditional.js';
import { decodeSegment, readJsonBody, requestTarget } from './http/request.js';
import { HttpError, SECURITY_HEADERS, sendError, sendJson } from './http/responses.js';
import { serveBlob } from './routes/blob-route.js';
import { clearFromRequest } from './routes/clear-route.js';
import { sendEntriesPage } from './routes/entries-route.js';
import { activityView, entryView } from './routes/read-routes.js';
import { diffView, historyView } from './routes/version-routes.js';
import type { StaticAsset } from './static-assets.js';
import { presentedToken, tokenMatches } from './token.js';

export interface DashboardState {
  readonly cache: Cache;
  readonly listings: CacheListings;
  readonly keptVersions: KeptVersionBlobs;
  /** Media facts for the diff view (the CLI passes the pipeline's ffprobe); without it, kind and bytes only. */
  readonly describeBlob: BlobDescriber | undefined;
  readonly token: string;
  readonly allowedHosts: ReadonlySet<string>;
  readonly url: string;
  readonly assets: ReadonlyMap<string, StaticAsset>;
  readonly reportError: (error: unknown, request: IncomingMessage) => void;
}

type Method = 'GET' | 'POST';

/** Answer one request. Every failure becomes a short JSON message; nothing internal reaches the client. */
export async function handleRequest(
  state: DashboardState,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  try {
    if (!isAllowedHost(state.allowedHosts, request.headers.host)) {
      throw new HttpError(
        403,
        `Forbidden: this dashboard answers only to ${state.url} (the Host header does not match).`,
      );
    }
    await route(state, request, response);
  } catch (error) {
    if (response.headersSent) {
      response.destroy();
      return;
    }
    if (error instanceof HttpError) {
      sendError(response, error);
      return;
    }
    state.reportError(error, request);
    sendError(response, new HttpError(500, "Internal error; the dashboard's terminal shows what went wrong."));
  }
}

async function route(state: DashboardState, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const { path, query } = requestTarget(request);
  const { cache } = state;
  if (path === '/') {
    allow(request, 'GET');
    return sendAsset(response, state.assets.get('index.html'));
  }
  if (path.startsWith('/static/')) {
    allow(request, 'GET');
    const asset = state.assets.get(path.slice('/static/'.length));
    if (!asset) throw new HttpError(404, 'Not found.');
    return sendAsset(response, asset);
  }
  if (path.startsWith('/blobs/')) {
    allow(request, 'GET');
    return serveBlob(state, path.slice('/blobs/'.length), request, response);
  }
  switch (path) {
    case '/api/version': {
      allow(request, 'GET');
      const versions = cacheVersions(cache.directory);
      return sendTaggedJson(
        request,
        response,
        () => `"v-${versions.all}"`,
        () => ({ version: versions.all, entries_version: versions.entries }),
      );
    }
    case '/api/stats':
      allow(request, 'GET');
      return sendTaggedJson(
        request,
        response,
        () => `"s-${cacheVersions(cache.directory).all}"`,
        () => cache.stats(),
      );
    case '/api/shared':
      allow(request, 'GET');
      return sendJson(response, 200, await cache.sharedStatus());
    case '/api/activity':
      allow(request, 'GET');
      return sendJson(response, 200, activityView(cache));
    case '/api/entries':
      allow(request, 'GET');
      return sendEntriesPage(state.listings, request, response, query);
    case '/api/clear': {
      allow(request, 'POST');
      requireToken(state, request);
      const result = clearFromRequest(cache, await readJsonBody(request));
      return sendJson(response, 200, { ...result, removed_count: result.removed.length });
    }
  }
  if (path.startsWith('/api/entries/')) {
    allow(request, 'GET');
    return sendEntryRoute(state, path.slice('/api/entries/'.length), query, response);
  }
  throw new HttpError(404, 'Not found.');
}

/** `/api/entries/<file>`, `/api/entries/<file>/history`, `/api/entries/<file>/diff?from=&to=`. */
async function sendEntryRoute(
  state: DashboardState,
  rest: string,
  query: URLSearchParams,
  response: ServerResponse,
): Promise<void> {
  const [segment = '', view, ...more] = rest.split('/');
  if (more.length === 0 && view === 'history') {
    return sendJson(response, 200, historyView(state.listings, decodeSegment(segment)));
  }
  if (more.length === 0 && view === 'diff') {
    return sendJson(response, 200, await diffView(state.listings, decodeSegment(segment), query, state.describeBlob));
  }
  if (more.length === 0 && view !== undefined && isEntryFileName(decodeSegment(segment))) {
    throw new HttpError(404, 'Not found: an entry has /history and /diff.');
  }
  // Anything else is one entry's name, which entryView refuses (400) unless it is one.
  return sendJson(response, 200, entryView(state.cache, decodeSegment(rest)));
}

/** GET routes also answer HEAD; anything else is a 405 naming what is allowed. */
function allow(request: IncomingMessage, method: Method): void {
  const actual = request.method ?? '';
  if (actual === method || (method === 'GET' && actual === 'HEAD')) return;
  const allowed = method === 'GET' ? 'GET, HEAD' : 'POST';
  const hint = method === 'POST' ? ' (it changes the cache: send a POST with the token)' : '';
  throw new HttpError(405, `Method ${actual} is not allowed here${hint}.`, { Allow: allowed });
}

function requireToken(state: DashboardState, request: IncomingMessage): void {
  const presented = presentedToken(request.headers);
  if (presented === undefined) {
    throw new HttpError(
      401,
      'This changes the cache: send the token printed by "streamgank dashboard" (Authorization: Bearer <token>).',
      {
        'WWW-Authenticate': 'Bearer realm="streamgank-dashboard"',
      },
    );
  }
  if (!tokenMatches(state.token, presented)) {
    throw new HttpError(403, 'Wrong token: use the one "streamgank dashboard" printed when it started.');
  }
}

function sendAsset(response: ServerResponse, asset: StaticAsset | undefined): void {
  if (!asset) throw new HttpError(404, 'Not found.');
  response.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': asset.contentType,
    'Content-Length': String(asset.body.length),
    'Cache-Control': 'no-cache',
  });
  response.end(asset.body);
}
