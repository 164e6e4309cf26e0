import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { SharedSourceError, SharedValueError, type SharedStore } from '../index.js';

/** A store made fresh for one test, and what to do once the test is done with it. */
export interface StoreUnderTest {
  readonly store: SharedStore;
  close(): Promise<void>;
}

const LIMITS = { maxBytes: 64 * 1024 * 1024 };

async function* chunksOf(bytes: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let offset = 0; offset < bytes.length; offset += size) yield bytes.subarray(offset, offset + size);
}

async function collect(chunks: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  return Buffer.concat(parts);
}

/**
 * What every SharedStore must do, as one suite that each implementation runs (unstorage's
 * `testDriver()` is the model): the cache's shared tier relies on exactly these behaviours.
 */
export function sharedStoreContract(
  name: string,
  open: () => Promise<StoreUnderTest>,
  options: { skip?: boolean } = {},
) {
  describe.skipIf(options.skip ?? false)(`${name} keeps the shared store contract`, () => {
    async function withStore(test: (store: SharedStore) => Promise<void>) {
      const opened = await open();
      try {
        await test(opened.store);
      } finally {
        await opened.close();
      }
    }

    it('says it holds nothing it was not given', () =>
      withStore(async (store) => {
        expect(await store.readEntry('nothing_us_here_netflix.json', LIMITS)).toBeUndefined();
        expect(await store.readBlob('0'.repeat(64), LIMITS)).toBeUndefined();
        expect(await store.touchBlob('0'.repeat(64))).toBe(false);
        expect(await store.countEntries()).toBe(0);
        await store.ping();
        expect(typeof store.kind).toBe('string');
        expect(store.location).not.toMatch(/:[^/:@]+@/);
      }));

    it('gives back an entry byte for byte, with its signature, and counts it', () =>
      withStore(async (store) => {
        const bytes = randomBytes(3 * 1024 * 1024 + 17);
        await store.writeEntry('a_us_one_netflix.json', bytes, 'hmac-sha256:abc');
        await store.writeEntry('a_us_two_netflix.json', Buffer.from('{}'));
        const one = await store.readEntry('a_us_one_netflix.json', LIMITS);
        expect(one?.bytes.equals(bytes)).toBe(true);
        expect(one?.signature).toBe('hmac-sha256:abc');
        expect(await store.readEntry('a_us_two_netflix.json', LIMITS)).toEqual({ bytes: Buffer.from('{}') });
        expect(await store.countEntries()).toBe(2);
      }));

    it('gives back a blob whole, in order, and says it has it', () =>
      withStore(async (store) => {
        const sha256 = 'ab'.repeat(32);
        const bytes = randomBytes(2 * 1024 * 1024 + 3);
        await store.writeBlob(sha256, bytes.length, chunksOf(bytes, 100_000));
        expect(await store.touchBlob(sha256)).toBe(true);
        const blob = await store.readBlob(sha256, LIMITS);
        expect(blob?.bytes).toBe(bytes.length);
        expect((await collect(blob?.chunks ?? chunksOf(Buffer.alloc(0), 1))).equals(bytes)).toBe(true);
        const empty = 'cd'.repeat(32);
        await store.writeBlob(empty, 0, chunksOf(Buffer.alloc(0), 10));
        expect((await store.readBlob(empty, LIMITS))?.bytes).toBe(0);
      }));

    it('refuses a value over the read limit with SharedValueError', () =>
      withStore(async (store) => {
        await store.writeEntry('big_us_entry_netflix.json', Buffer.alloc(4096));
        await store.writeBlob('ef'.repeat(32), 4096, chunksOf(Buffer.alloc(4096), 1024));
        await expect(store.readEntry('big_us_entry_netflix.json', { maxBytes: 4095 })).rejects.toBeInstanceOf(
          SharedValueError,
        );
        await expect(store.readBlob('ef'.repeat(32), { maxBytes: 100 })).rejects.toBeInstanceOf(SharedValueError);
      }));

    it('keeps nothing of a blob whose source fails, and says the source failed', () =>
      withStore(async (store) => {
        const sha256 = '12'.repeat(32);
        const failing = (async function* () {
          yield Buffer.alloc(10);
          throw new Error('disk went away');
        })();
        await expect(store.writeBlob(sha256, 20, failing)).rejects.toBeInstanceOf(SharedSourceError);
        expect(await store.readBlob(sha256, LIMITS)).toBeUndefined();
      }));

    it('lets one holder at a time take a lock, until it is released or expires', () =>
      withStore(async (store) => {
        const first = await store.tryLock('entry.json', 10_000);
        expect(first).toBeDefined();
        expect(await store.tryLock('entry.json', 10_000)).toBeUndefined();
        expect(await store.isLocked('entry.json')).toBe(true);
        expect(await first?.extend(10_000)).toBe(true);
        await first?.release();
        expect(await store.isLocked('entry.json')).toBe(false);

        const short = await store.tryLock('other.json', 150);
        await sleep(300);
        const taker = await store.tryLock('other.json', 10_000);
        expect(taker).toBeDefined();
        // The first holder lost it: it can neither renew nor release the new holder's lock.
        expect(await short?.extend(10_000)).toBe(false);
        await short?.release();
        expect(await store.isLocked('other.json')).toBe(true);
        await taker?.release();
      }));
  });
}
