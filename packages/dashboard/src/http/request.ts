import type { IncomingMessage } from 'node:http';
import { HttpError } from './responses.js';

export interface RequestTarget {
  /** The path exactly as sent (still percent-encoded, dot segments not resolved): routes match it whole. */
  readonly path: string;
  readonly query: URLSearchParams;
}

/**
 * Only origin-form targets (`/path?query`) are served. The path is left raw on purpose: routes
 * compare it with fixed names and patterns, so `..`, `%2e%2e%2f` or `\` can only fail to match.
 */
export function requestTarget(request: IncomingMessage): RequestTarget {
  const url = request.url ?? '';
  if (!url.startsWith('/')) throw new HttpError(400, 'Bad request target: expected a path starting with "/".');
  const queryStart = url.indexOf('?');
  const path = queryStart === -1 ? url : url.slice(0, queryStart);
  const query = new URLSearchParams(queryStart === -1 ? '' : url.slice(queryStart + 1));
  return { path, query };
}

/** A path segment decoded, or a 400 when it is not valid percent-encoding. */
export function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new HttpError(400, 'Bad request: the path is not valid percent-encoding.');
  }
}

const MAX_BODY_BYTES = 16 * 1024;

/** The JSON body of a POST; anything else (a form, a huge body, broken JSON) is refused. */
export async function readJsonBody(request: IncomingMessage): Promise<unknown> {
  const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') {
    throw new HttpError(415, 'Send the request body as JSON (Content-Type: application/json).');
  }
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) throw new HttpError(413, `Request body too large (limit ${MAX_BODY_BYTES} bytes).`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, `Request body too large (limit ${MAX_BODY_BYTES} bytes).`);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, 'The request body is not valid JSON.');
  }
}
