import { randomBytes } from 'node:crypto';
import {
  SharedSourceError,
  SharedValueError,
  type ReadLimits,
  type SharedBlob,
  type SharedEntry,
  type SharedLock,
  type SharedStore,
} from './store.js';

interface Lock {
  readonly token: string;
  expiresAt: number;
}

/**
 * A shared store held in this process's memory: for tests, and for trying the shared tier's
 * behaviour without a Redis. Several caches given the same `MemoryStore` share it as machines
 * would share a Redis. It keeps the store contract (whole values or none, bounded reads, locks
 * that expire), and `corrupt` lets tests damage what it holds.
 */
export class MemoryStore implements SharedStore {
  readonly kind = 'memory';
  private readonly entries = new Map<string, SharedEntry>();
  private readonly blobs = new Map<string, Buffer>();
  private readonly locks = new Map<string, Lock>();

  constructor(readonly location = 'memory') {}

  async readEntry(file: string, limits: ReadLimits): Promise<SharedEntry | undefined> {
    const entry = this.entries.get(file);
    if (entry && entry.bytes.length > limits.maxBytes) {
      throw new SharedValueError(
        `entry ${file} holds ${entry.bytes.length} bytes, over the limit of ${limits.maxBytes}`,
      );
    }
    return (
      entry && { bytes: Buffer.from(entry.bytes), ...(entry.signature !== undefined && { signature: entry.signature }) }
    );
  }

  async writeEntry(file: string, bytes: Buffer, signature?: string): Promise<void> {
    this.entries.set(file, { bytes: Buffer.from(bytes), ...(signature !== undefined && { signature }) });
  }

  async readBlob(sha256: string, limits: ReadLimits): Promise<SharedBlob | undefined> {
    const blob = this.blobs.get(sha256);
    if (!blob) return undefined;
    if (blob.length > limits.maxBytes) {
      throw new SharedValueError(`blob ${sha256} holds ${blob.length} bytes, over the limit of ${limits.maxBytes}`);
    }
    const copy = Buffer.from(blob);
    return {
      bytes: copy.length,
      chunks: (async function* () {
        yield copy;
      })(),
    };
  }

  async touchBlob(sha256: string): Promise<boolean> {
    return this.blobs.has(sha256);
  }

  async writeBlob(sha256: string, bytes: number, chunks: AsyncIterable<Buffer>): Promise<void> {
    const parts: Buffer[] = [];
    try {
      for await (const chunk of chunks) parts.push(chunk);
    } catch (error) {
      throw new SharedSourceError({ cause: error });
    }
    const value = Buffer.concat(parts);
    if (value.length !== bytes)
      throw new SharedSourceError({ cause: new Error(`expected ${bytes} bytes, read ${value.length}`) });
    this.blobs.set(sha256, value);
  }

  async tryLock(name: string, ttlMs: number): Promise<SharedLock | undefined> {
    const held = this.locks.get(name);
    if (held && held.expiresAt > Date.now()) return undefined;
    const lock: Lock = { token: randomBytes(8).toString('hex'), expiresAt: Date.now() + ttlMs };
    this.locks.set(name, lock);
    const ours = () => this.locks.get(name)?.token === lock.token && lock.expiresAt > Date.now();
    return {
      extend: async (more) => {
        if (!ours()) return false;
        lock.expiresAt = Date.now() + more;
        return true;
      },
      release: async () => {
        if (this.locks.get(name)?.token === lock.token) this.locks.delete(name);
      },
    };
  }

  async isLocked(name: string): Promise<boolean> {
    const held = this.locks.get(name);
    return held !== undefined && held.expiresAt > Date.now();
  }

  async countEntries(): Promise<number> {
    return this.entries.size;
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {}

  /** Damage what the store holds (tests of a hostile shared tier). */
  corrupt(kind: 'entry' | 'blob', key: string, bytes: Buffer, signature?: string): void {
    if (kind === 'blob') this.blobs.set(key, Buffer.from(bytes));
    else this.entries.set(key, { bytes: Buffer.from(bytes), ...(signature !== undefined && { signature }) });
  }

  /** The entry files it holds (tests). */
  entryFiles(): string[] {
    return [...this.entries.keys()];
  }
}
