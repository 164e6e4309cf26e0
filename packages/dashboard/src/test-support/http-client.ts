import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';

export interface SimpleResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: Buffer;
  json(): unknown;
  text(): string;
}

export interface SimpleRequest {
  readonly method?: string;
  /** Sent exactly as given (no normalisation), e.g. `/static/..%2fpackage.json`. */
  readonly path: string;
  readonly headers?: Record<string, string>;
  readonly body?: string;
}

/** A request through node:http, which, unlike fetch, lets a test set Host and send raw paths. */
export function send(baseUrl: string, options: SimpleRequest): Promise<SimpleResponse> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: {
          ...(options.body !== undefined && { 'Content-Length': String(Buffer.byteLength(options.body)) }),
          ...options.headers,
        },
        agent: false,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve(wrap(response.statusCode ?? 0, response.headers, Buffer.concat(chunks))));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(options.body);
  });
}

/** Raw bytes on a socket, for requests node:http will not send (no Host header, absolute-form targets). */
export function sendRaw(baseUrl: string, raw: string): Promise<{ status: number; text: string }> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname, () => socket.end(raw));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1] ?? 0);
      resolve({ status, text });
    });
  });
}

function wrap(status: number, headers: SimpleResponse['headers'], body: Buffer): SimpleResponse {
  return {
    status,
    headers,
    body,
    json: () => JSON.parse(body.toString('utf8')) as unknown,
    text: () => body.toString('utf8'),
  };
}
