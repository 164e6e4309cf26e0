import { createHash } from 'node:crypto';
import { listenLocally, readBody, sendJson } from './http-server.js';

export interface ReceivedUpload {
  readonly resourceType: string;
  readonly fields: Readonly<Record<string, string>>;
  readonly fileName: string;
  readonly sha256: string;
  readonly bytes: number;
}

export interface CloudinaryTestServer {
  /** `upload_prefix` for CLOUDINARY_URL. */
  readonly origin: string;
  readonly uploads: ReceivedUpload[];
  readonly rejected: string[];
  close(): Promise<void>;
}

interface Part {
  readonly name: string;
  readonly fileName: string | undefined;
  readonly data: Buffer;
}

function parseMultipart(body: Buffer, boundary: string): Part[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: Part[] = [];
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    const next = body.indexOf(delimiter, start + delimiter.length);
    if (next === -1) break;
    const chunk = body.subarray(start + delimiter.length, next);
    const headerEnd = chunk.indexOf('\r\n\r\n');
    if (headerEnd !== -1) {
      const headers = chunk.subarray(0, headerEnd).toString('utf8');
      const name = /name="([^"]*)"/.exec(headers)?.[1] ?? '';
      const fileName = /filename="([^"]*)"/.exec(headers)?.[1];
      let data = chunk.subarray(headerEnd + 4);
      if (data.subarray(-2).toString() === '\r\n') data = data.subarray(0, -2);
      parts.push({ name, fileName, data });
    }
    start = next;
  }
  return parts;
}

/** What Cloudinary signs: every parameter but the file, the key and the signature, sorted, `&` escaped, plus the secret. */
export function expectedSignature(fields: Readonly<Record<string, string>>, apiSecret: string): string {
  const toSign = Object.entries(fields)
    .filter(([name, value]) => !['file', 'api_key', 'signature'].includes(name) && value !== '')
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, value]) => `${name}=${value}`.replace(/&/g, '%26'))
    .join('&');
  return createHash('sha1')
    .update(toSign + apiSecret)
    .digest('hex');
}

/**
 * A local upload endpoint (`POST /v1_1/<cloud>/<image|video>/upload`) that checks the request's
 * signature and API key the way Cloudinary does and answers like it.
 */
export async function startCloudinaryServer(cloud: {
  name: string;
  apiKey: string;
  apiSecret: string;
}): Promise<CloudinaryTestServer> {
  const uploads: ReceivedUpload[] = [];
  const rejected: string[] = [];
  let version = 1_700_000_000;
  const server = await listenLocally((request, response) => {
    void readBody(request).then((body) => {
      const route = new RegExp(`^/v1_1/${cloud.name}/(image|video)/upload$`).exec(request.url ?? '');
      const boundary = /boundary=(.+)$/.exec(request.headers['content-type'] ?? '')?.[1];
      if (request.method !== 'POST' || !route || !boundary) {
        rejected.push(`${request.method} ${request.url}`);
        sendJson(response, 404, { error: { message: 'Not found' } });
        return;
      }
      const parts = parseMultipart(body, boundary);
      const fields = Object.fromEntries(
        parts.filter((part) => part.fileName === undefined).map((part) => [part.name, part.data.toString('utf8')]),
      );
      const file = parts.find((part) => part.fileName !== undefined);
      const timestamp = Number(fields['timestamp']);
      const problem =
        fields['api_key'] !== cloud.apiKey
          ? 'Invalid API key'
          : fields['signature'] !== expectedSignature(fields, cloud.apiSecret)
            ? 'Invalid Signature'
            : !Number.isFinite(timestamp) || Math.abs(Date.now() / 1000 - timestamp) > 3600
              ? 'Stale request'
              : !file || file.data.length === 0
                ? 'Missing file'
                : undefined;
      if (problem || !file) {
        rejected.push(problem ?? 'Missing file');
        sendJson(response, 401, { error: { message: problem } });
        return;
      }
      const resourceType = route[1] ?? 'image';
      uploads.push({
        resourceType,
        fields,
        fileName: file.fileName ?? '',
        sha256: createHash('sha256').update(file.data).digest('hex'),
        bytes: file.data.length,
      });
      version += 1;
      const publicId = [fields['folder'], fields['public_id']].filter(Boolean).join('/');
      const format = resourceType === 'video' ? 'mp4' : 'png';
      sendJson(response, 200, {
        public_id: publicId,
        version,
        resource_type: resourceType,
        format,
        bytes: file.data.length,
        secure_url: `https://res.cloudinary.com/${cloud.name}/${resourceType}/upload/v${version}/${publicId}.${format}`,
      });
    });
  });
  return { origin: server.origin, uploads, rejected, close: () => server.close() };
}
