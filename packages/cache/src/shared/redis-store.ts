import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { Redis, type ChainableCommander } from 'ioredis';
import { rechunk } from './chunks.js';
import { withDeadline } from './deadline.js';
import { checkedChunk, META, parseMeta, readHeader, RedisKeys, SIGNATURE, type ObjectMeta } from './redis-values.js';
import { unrefParserTimers } from './parser-timers.js';
import type { SharedTierSettings } from './settings.js';
import {
  SharedSourceError,
  SharedStoreError,
  SharedValueError,
  type ReadLimits,
  type SharedBlob,
  type SharedEntry,
  type SharedLock,
  type SharedStore,
} from './store.js';

/** Chunks of a blob fetched ahead of the one being handed over (one round trip for several). */
const PREFETCH_CHUNKS = 8;
/** An upload that stops (its writer died) leaves a staging key that expires on its own. */
const STAGING_TTL_MS = 10 * 60_000;
const SCAN_COUNT = 1000;

const RELEASE_IF_OURS = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;
const EXTEND_IF_OURS = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;

/**
 * The shared tier in Redis. Every value is a hash of chunks (`0`, `1`, …, each at most
 * `chunkBytes`) plus a `meta` field; it is written under a staging key and renamed into place in
 * one transaction, so a reader sees a whole value or none. The client never queues commands
 * while disconnected and never reconnects on its own: the tier above decides when to try again.
 */
export class RedisStore implements SharedStore {
  readonly kind = 'redis';
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
    this.client.on('connect', () => {
      this.client.stream?.unref?.();
      if (this.client.stream) unrefParserTimers(this.client.stream);
    });
  }

  async readEntry(file: string, limits: ReadLimits): Promise<SharedEntry | undefined> {
    return this.call(`reading entry ${file}`, async (client) => {
      const key = this.keys.entry(file);
      const { meta: metaText, signature } = await readHeader(client, key, `entry ${file}`);
      const meta = parseMeta(metaText, limits, `entry ${file}`);
      if (!meta) return undefined;
      const fields = Array.from({ length: meta.chunks }, (_, index) => String(index));
      const chunks = fields.length === 0 ? [] : await client.hmgetBuffer(key, ...fields);
      const parts = chunks.map((chunk, index) => checkedChunk(chunk, index, meta, `entry ${file}`));
      return { bytes: Buffer.concat(parts, meta.bytes), ...(signature !== undefined && { signature }) };
    });
  }

  writeEntry(file: string, bytes: Buffer, signature?: string): Promise<void> {
    const chunks = (async function* () {
      yield bytes;
    })();
    return this.call(`writing entry ${file}`, (client) =>
      this.writeObject(client, this.keys.entry(file), bytes.length, chunks, signature),
    );
  }

  readBlob(sha256: string, limits: ReadLimits): Promise<SharedBlob | undefined> {
    return this.call(`reading blob ${sha256}`, async (client) => {
      const key = this.keys.blob(sha256);
      const meta = parseMeta((await readHeader(client, key, `blob ${sha256}`)).meta, limits, `blob ${sha256}`);
      if (!meta) return undefined;
      return { bytes: meta.bytes, chunks: this.chunksOf(client, key, meta, `blob ${sha256}`) };
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
      if (
        error instanceof SharedStoreError ||
        error instanceof SharedSourceError ||
        error instanceof SharedValueError
      ) {
        throw error;
      }
      // A key of another type where ours should be: a value someone else wrote, not an outage.
      if (/^WRONGTYPE/.test((error as Error).message))
        throw new SharedValueError(`${what}: the key holds another kind of value`);
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

  private async writeObject(
    client: Redis,
    key: string,
    bytes: number,
    source: AsyncIterable<Buffer>,
    signature?: string,
  ): Promise<void> {
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
      const meta: ObjectMeta = { bytes, chunks, chunk_bytes: this.settings.chunkBytes };
      const ttlMs = this.ttlMs();
      const publish = client.multi().hset(staging, META, JSON.stringify(meta));
      if (signature !== undefined) publish.hset(staging, SIGNATURE, signature);
      if (ttlMs === undefined) publish.persist(staging);
      else publish.pexpire(staging, ttlMs);
      await exec(publish.rename(staging, key));
    } catch (error) {
      await client.del(staging).catch(() => undefined);
      throw error;
    }
  }

  /**
   * Chunks in order, several requested ahead of the one handed over (their round trips overlap).
   * Each is checked against the size `meta` promises before it is handed over.
   */
  private async *chunksOf(client: Redis, key: string, meta: ObjectMeta, what: string): AsyncGenerator<Buffer> {
    const fetch = (index: number) => {
      const pending = client.hgetBuffer(key, String(index)).catch((error: unknown) => {
        throw new SharedStoreError(`reading ${what} chunk ${index}: ${(error as Error).message}`, { cause: error });
      });
      // Keep a rejected prefetch from being reported as unhandled when the caller stops early.
      pending.catch(() => undefined);
      return pending;
    };
    const ahead: Promise<Buffer | null>[] = [];
    let next = 0;
    for (let index = 0; index < meta.chunks; index += 1) {
      while (next < meta.chunks && ahead.length < PREFETCH_CHUNKS) ahead.push(fetch(next++));
      yield checkedChunk(await (ahead.shift() as Promise<Buffer | null>), index, meta, what);
    }
  }
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
