/** A refusal or failure from the dashboard server, with its status and short message. */
export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function parse(response) {
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new ApiError(response.status, body.error ?? `HTTP ${response.status}`);
  return body;
}

export async function getJson(path) {
  return parse(await fetch(path, { cache: 'no-store', headers: { Accept: 'application/json' } }));
}

/**
 * GET that sends back the ETag of what the page already shows: `{ changed: false }` when the
 * server answers 304 (no body crossed the wire), else `{ changed: true, etag, body }`.
 */
export async function getIfChanged(path, etag) {
  const headers = { Accept: 'application/json' };
  if (etag) headers['If-None-Match'] = etag;
  const response = await fetch(path, { cache: 'no-store', headers });
  if (response.status === 304) return { changed: false };
  const body = await parse(response);
  return { changed: true, etag: response.headers.get('ETag') ?? undefined, body };
}

/** POST with the token in the Authorization header; an empty token is sent as none, and the server refuses it. */
export async function postJson(path, body, token) {
  const headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  return parse(await fetch(path, { method: 'POST', cache: 'no-store', headers, body: JSON.stringify(body) }));
}

/**
 * A route the page asks again and again, remembering the ETag of the last answer it showed:
 * `get(path)` resolves to the new body, or to undefined when the server says the page already
 * has it, or when a later `get` was made meanwhile (its answer is the one to show). An ETag is
 * sent back only to the path it came from.
 */
export function taggedResource() {
  let shown = { path: undefined, etag: undefined };
  let latest = 0;
  return {
    async get(path) {
      const ticket = (latest += 1);
      const result = await getIfChanged(path, shown.path === path ? shown.etag : undefined);
      if (ticket !== latest || !result.changed) return undefined;
      shown = { path, etag: result.etag };
      return result.body;
    },
  };
}
