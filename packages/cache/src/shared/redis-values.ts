import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { SharedValueError, type ReadLimits } from './store.js';

/**
 * Keys are versioned so that a later layout can live beside this one in the same Redis. v2 records
 * the chunk size in `meta` (so every chunk's length can be checked) and a signature in `sig`.
 */
export const LAYOUT = 'v2';
export const META = 'meta';
export const SIGNATURE = 'sig';
/** No value of ours has more chunks than this; a `meta` that says so is not ours. */
const MAX_CHUNKS = 4096;
const MAX_CHUNK_BYTES = 64 * 1024 * 1024;
/** Longest `meta` or `sig` field of ours; a longer one is not read (it could be any size). */
const MAX_HEADER_FIELD = 256;
/** A value's `meta` and `sig` in one round trip, each only when short enough to be ours. */
const READ_HEADER = `local meta = redis.call('hstrlen', KEYS[1], 'meta')
if meta == 0 then return {} end
if meta > tonumber(ARGV[1]) then return {false} end
local sig = redis.call('hstrlen', KEYS[1], 'sig')
if sig == 0 or sig > tonumber(ARGV[1]) then return {redis.call('hget', KEYS[1], 'meta')} end
return redis.call('hmget', KEYS[1], 'meta', 'sig')`;

export interface ObjectMeta {
  readonly bytes: number;
  readonly chunks: number;
  readonly chunk_bytes: number;
}

/** The key of every value of ours in Redis, under the configured prefix and the layout version. */
export class RedisKeys {
  constructor(private readonly prefix: string) {}

  entry(file: string): string {
    return `${this.prefix}${LAYOUT}:entry:${file}`;
  }

  blob(sha256: string): string {
    return `${this.prefix}${LAYOUT}:blob:${sha256}`;
  }

  lock(name: string): string {
    return `${this.prefix}${LAYOUT}:lock:${name}`;
  }

  staging(): string {
    return `${this.prefix}${LAYOUT}:upload:${randomBytes(12).toString('hex')}`;
  }

  entryPattern(): string {
    return `${this.prefix.replace(/[*?[\]\\]/g, '\\$&')}${LAYOUT}:entry:*`;
  }
}

/** A value's `meta` (undefined when the value is absent) and `sig` fields, bounded in size. */
export async function readHeader(
  client: Redis,
  key: string,
  what: string,
): Promise<{ meta?: Buffer; signature?: string }> {
  const reply = (await client.eval(READ_HEADER, 1, key, MAX_HEADER_FIELD)) as (string | null)[];
  if (!Array.isArray(reply) || reply.length === 0) return {};
  const [meta, signature] = reply;
  if (typeof meta !== 'string') throw new SharedValueError(`${what}: its meta field is not one of ours`);
  return { meta: Buffer.from(meta), ...(typeof signature === 'string' && { signature }) };
}

/**
 * The `meta` field of a value, checked before a single chunk is fetched: sizes within the limits,
 * a chunk count that agrees with the size and the chunk size. Undefined when the value is absent;
 * SharedValueError for anything else that is not what this store writes.
 */
export function parseMeta(text: Buffer | undefined, limits: ReadLimits, what: string): ObjectMeta | undefined {
  if (!text) return undefined;
  const bad = (why: string) => new SharedValueError(`${what}: ${why}`);
  let meta: Partial<Record<keyof ObjectMeta, unknown>>;
  try {
    meta = JSON.parse(text.toString('utf8')) as typeof meta;
  } catch {
    throw bad('its meta field is not JSON');
  }
  const { bytes, chunks, chunk_bytes: chunkBytes } = meta ?? {};
  const whole = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;
  if (!whole(bytes) || !whole(chunks) || !whole(chunkBytes))
    throw bad('its meta field has no valid bytes, chunks and chunk_bytes');
  if (bytes > limits.maxBytes) throw bad(`it holds ${bytes} bytes, over the limit of ${limits.maxBytes}`);
  if (chunkBytes < 1 || chunkBytes > MAX_CHUNK_BYTES || chunks > MAX_CHUNKS)
    throw bad(`${chunks} chunks of ${chunkBytes} bytes is not a layout of ours`);
  if (chunks !== Math.ceil(bytes / chunkBytes))
    throw bad(`${chunks} chunks of ${chunkBytes} bytes cannot hold ${bytes} bytes`);
  return { bytes, chunks, chunk_bytes: chunkBytes };
}

/** A chunk as `meta` promises it: present, and exactly its share of the bytes. */
export function checkedChunk(chunk: Buffer | null | undefined, index: number, meta: ObjectMeta, what: string): Buffer {
  const expected = index === meta.chunks - 1 ? meta.bytes - index * meta.chunk_bytes : meta.chunk_bytes;
  // A missing chunk means the value was replaced or expired mid-read: not ours to trust either.
  if (!chunk) throw new SharedValueError(`${what}: chunk ${index} is missing`);
  if (chunk.length !== expected)
    throw new SharedValueError(`${what}: chunk ${index} holds ${chunk.length} bytes, expected ${expected}`);
  return chunk;
}
