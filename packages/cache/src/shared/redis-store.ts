import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { Redis, type ChainableCommander } from 'ioredis';
import { rechunk } from './chunks.js';
import type { SharedTierSettings } from './settings.js';
import { SharedSourceError, SharedStoreError, type SharedBlob, type SharedLock, type SharedStore } from './store.js';

/** Keys are versioned so that a later layout can live beside this one in the same Redis. */
const LAYOUT = 'v1';
const META = 'meta';
/** An upload that stops (its writer died) leaves a staging key that expires on its own. */
const STAGING_TTL_MS = 10 * 60_000;
const SCAN_COUNT = 1000;

const RELEASE_IF_OURS = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;
const EXTEND_IF_OURS = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;

interface ObjectMeta {
  readonly bytes: number;
  readonly chunks: number;
}

/**
 * The shared tier in Redis. Every value is a hash of chunks (`0`, `1`, …, each at most
 * `chunkBytes`) plus a `meta` field; it is written under a staging key and renamed into place in
 * one transaction, so a reader sees a whole value or none. The client never queues commands
 * while disconnected and never reconnects on its own: the tier above decides when to try again.
 */
export class RedisStore implements SharedStore {
  readonly kind = 'redis' as const;
  private readonly client: Redis;
  private readonly keys: RedisKeys;
  private connecting: Promise<void> | undefined;
  private socketError: Error | undefined;
  private closed = false;

  constructor(
    url: string,
    readonly location: string,
    private readonly settings: SharedTierSettings,
  ) {
    this.keys = new RedisKeys(settings.keyPrefix);
    const options = {
      lazyConnect: true,
      enableOfflineQueue: false,
      enableReadyCheck: false,
      autoResendUnfulfilledCommands: false,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
      connectTimeout: settings.connectTimeoutMs,
      commandTimeout: settings.commandTimeoutMs,
      // ioredis waits this long for a socket that never reports closing after a failed connect;
      // its 2 s default would hold every process that met an unreachable Redis.
      disconnectTimeout: settings.connectTimeoutMs,
    };
    this.client = new Redis(unixSocketPath(url) ?? url, options);
    // Failures reach callers as rejected commands; the event would only be printed by ioredis, and
    // it is the one that says why a connection failed ("Connection is closed" does not).
    this.client.on('error', (error: Error) => {
      this.socketError = error;
    });
    // An idle connection must not keep a process alive that forgot close(); every command in
    // flight has a timeout timer, which keeps the process alive for as long as it waits.
    this.client.on('connect', () => this.client.stream?.unref?.());
  }

  async readEntry(file: string): Promise<Buffer | undefined> {
    return this.call(`reading entry ${file}`, async (client) => {
      const key = this.keys.entry(file);
      const [metaText, first] = await client.hmgetBuffer(key, META, '0');
      const meta = parseMeta(metaText);
      if (!meta) return undefined;
      const parts: Buffer[] = [first ?? Buffer.alloc(0)];
      for (let index = 1; index < meta.chunks; index += 1)
        parts.push((await client.hgetBuffer(key, String(index))) ?? Buffer.alloc(0));
      return Buffer.concat(parts);
    });
  }

  writeEntry(file: string, bytes: Buffer): Promise<void> {
    const chunks = (async function* () {
      yield bytes;
    })();
    return this.call(`writing entry ${file}`, (client) =>
      this.writeObject(client, this.keys.entry(file), bytes.length, chunks),
    );
  }

  readBlob(sha256: string): Promise<SharedBlob | undefined> {
    return this.call(`reading blob ${sha256}`, async (client) => {
      const key = this.keys.blob(sha256);
      const meta = parseMeta(await client.hgetBuffer(key, META));
      if (!meta) return undefined;
      return { bytes: meta.bytes, chunks: this.chunksOf(client, key, meta) };
    });
  }

  touchBlob(sha256: string): Promise<boolean> {
    return this.call(`looking up blob ${sha256}`, async (client) => {
      const key = this.keys.blob(sha256);
      const ttlMs = this.ttlMs();
      return ttlMs === undefined ? (await client.exists(key)) === 1 : (await client.pexpire(key, ttlMs)) === 1;
    });
  }

  writeBlob(sha256: string, bytes: number, chunks: AsyncIterable<Buffer>): Promise<void> {
    return this.call(`writing blob ${sha256}`, (client) =>
      this.writeObject(client, this.keys.blob(sha256), bytes, chunks),
    );
  }

  tryLock(name: string, ttlMs: number): Promise<SharedLock | undefined> {
    return this.call(`locking ${name}`, async (client) => {
      const key = this.keys.lock(name);
      const token = `${hostname()}:${process.pid}:${randomBytes(8).toString('hex')}`;
      const taken = await client.set(key, token, 'PX', Math.ceil(ttlMs), 'NX');
      if (taken !== 'OK') return undefined;
      return {
        extend: (more: number) =>
          this.call(
            `renewing the lock on ${name}`,
            async (c) => (await c.eval(EXTEND_IF_OURS, 1, key, token, Math.ceil(more))) === 1,
          ),
        release: () =>
          this.call(`releasing the lock on ${name}`, async (c) => void (await c.eval(RELEASE_IF_OURS, 1, key, token))),
      };
    });
  }

  isLocked(name: string): Promise<boolean> {
    return this.call(
      `looking at the lock on ${name}`,
      async (client) => (await client.exists(this.keys.lock(name))) === 1,
    );
  }

  countEntries(): Promise<number> {
    return this.call('counting entries', async (client) => {
      let cursor = '0';
      let count = 0;
      do {
        const [next, keys] = await client.scan(cursor, 'MATCH', this.keys.entryPattern(), 'COUNT', SCAN_COUNT);
        cursor = next;
        count += keys.length;
      } while (cursor !== '0');
      return count;
    });
  }

  ping(): Promise<void> {
    return this.call('ping', async (client) => void (await client.ping()));
  }

  async close(): Promise<void> {
    this.closed = true;
    this.client.disconnect();
  }

  private async call<T>(what: string, operation: (client: Redis) => Promise<T>): Promise<T> {
    if (this.closed) throw new SharedStoreError(`${what}: the store is closed`);
    try {
      await this.ready();
      return await operation(this.client);
    } catch (error) {
      if (error instanceof SharedStoreError || error instanceof SharedSourceError) throw error;
      throw new SharedStoreError(`${what}: ${(error as Error).message}`, { cause: error });
    }
  }

  /** Connect when not connected, within the connect timeout (ioredis's own covers only the TCP part). */
  private ready(): Promise<void> {
    const status = this.client.status;
    if (status === 'ready') return Promise.resolve();
    if (!this.connecting) {
      const limit = this.settings.connectTimeoutMs + this.settings.commandTimeoutMs;
      this.socketError = undefined;
      this.connecting = withDeadline(this.client.connect(), limit, `no connection within ${limit} ms`)
        .catch((error: unknown) => {
          this.client.disconnect();
          const cause = this.socketError ?? error;
          throw new SharedStoreError(`cannot connect: ${(cause as Error).message}`, { cause });
        })
        .finally(() => {
          this.connecting = undefined;
        });
    }
    return this.connecting;
  }

  private ttlMs(): number | undefined {
    return this.settings.ttlSeconds === undefined ? undefined : Math.ceil(this.settings.ttlSeconds * 1000);
  }

  private async writeObject(client: Redis, key: string, bytes: number, source: AsyncIterable<Buffer>): Promise<void> {
    const staging = this.keys.staging();
    let chunks = 0;
    let written = 0;
    const readable = (async function* () {
      try {
        yield* source;
      } catch (error) {
        throw new SharedSourceError({ cause: error });
      }
    })();
    try {
      for await (const chunk of rechunk(readable, this.settings.chunkBytes)) {
        await exec(client.pipeline().hset(staging, String(chunks), chunk).pexpire(staging, STAGING_TTL_MS));
        chunks += 1;
        written += chunk.length;
      }
      if (written !== bytes) throw new SharedStoreError(`expected ${bytes} bytes to upload, read ${written}`);
      const meta: ObjectMeta = { bytes, chunks };
      const ttlMs = this.ttlMs();
      const publish = client.multi().hset(staging, META, JSON.stringify(meta));
      if (ttlMs === undefined) publish.persist(staging);
      else publish.pexpire(staging, ttlMs);
      await exec(publish.rename(staging, key));
    } catch (error) {
      await client.del(staging).catch(() => undefined);
      throw error;
    }
  }

  /** Chunks in order, the next one requested while the caller handles the current one. */
  private async *chunksOf(client: Redis, key: string, meta: ObjectMeta): AsyncGenerator<Buffer> {
    const fetch = (index: number) =>
      client.hgetBuffer(key, String(index)).catch((error: unknown) => {
        throw new SharedStoreError(`reading ${key} chunk ${index}: ${(error as Error).message}`, { cause: error });
      });
    let pending = meta.chunks > 0 ? fetch(0) : undefined;
    for (let index = 0; index < meta.chunks && pending; index += 1) {
      const current = pending;
      pending = index + 1 < meta.chunks ? fetch(index + 1) : undefined;
      // Keep a rejected prefetch from being reported as unhandled when the caller stops early.
      pending?.catch(() => undefined);
      const chunk = await current;
      // A missing chunk means the value was replaced or expired mid-read; the caller's digest check notices.
      if (!chunk) return;
      yield chunk;
    }
  }
}

class RedisKeys {
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

function parseMeta(text: Buffer | null | undefined): ObjectMeta | undefined {
  if (!text) return undefined;
  try {
    const meta = JSON.parse(text.toString('utf8')) as Partial<ObjectMeta>;
    if (
      Number.isSafeInteger(meta.bytes) &&
      Number.isSafeInteger(meta.chunks) &&
      (meta.bytes as number) >= 0 &&
      (meta.chunks as number) >= 0
    ) {
      return { bytes: meta.bytes as number, chunks: meta.chunks as number };
    }
  } catch {
    // Not ours, or damaged: the same as absent, the caller produces instead.
  }
  return undefined;
}

async function exec(commands: ChainableCommander): Promise<void> {
  const results = await commands.exec();
  if (!results) throw new SharedStoreError('transaction aborted');
  for (const [error] of results) if (error) throw error;
}

/** ioredis reads a bare path as a socket; `unix:///run/redis.sock` is the spelling people also use. */
function unixSocketPath(url: string): string | undefined {
  return /^(?:unix|redis\+unix):\/\/(\/.*)$/i.exec(url)?.[1];
}

function withDeadline<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new SharedStoreError(message)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}
