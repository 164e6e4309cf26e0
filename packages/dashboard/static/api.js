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

/** POST with the token in the Authorization header; an empty token is sent as none, and the server refuses it. */
export async function postJson(path, body, token) {
  const headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  return parse(await fetch(path, { method: 'POST', cache: 'no-store', headers, body: JSON.stringify(body) }));
}

/** The stats (with their hourly activity) and the entries; the shared tier is asked for apart, as it may be slow. */
export async function loadSnapshot() {
  const [stats, entries] = await Promise.all([getJson('/api/stats'), getJson('/api/entries')]);
  return { stats, entries: entries.files };
}
