import { mkdirSync } from 'node:fs';
import { writeFileAtomic } from '../files/atomic-file.js';
import { readJsonFile } from '../files/jsonl.js';
import type { CacheLayout } from '../files/layout.js';
import { withLock } from '../housekeeping/lock.js';

/** A pinned entry: a golden fixture that no run, refresh, clear or prune replaces or removes. */
export interface Pin {
  readonly file: string;
  /** Seconds since the epoch. */
  readonly pinned_timestamp: number;
}

type PinTable = Record<string, { pinned_timestamp: number }>;

/** The pinned entries of a cache, in `.streamgank/pins.json`, changed under a lock. */
export class PinStore {
  constructor(
    private readonly layout: CacheLayout,
    private readonly directory: string,
  ) {}

  isPinned(file: string): boolean {
    return this.table()[file] !== undefined;
  }

  all(): Pin[] {
    return Object.entries(this.table()).map(([file, pin]) => ({ file, pinned_timestamp: pin.pinned_timestamp }));
  }

  /** Pin or unpin `file`; returns false when nothing changed. */
  set(file: string, pinned: boolean, now: number): boolean {
    return withLock(
      this.layout.locks,
      'pins',
      { waitMs: 10_000, directory: this.directory, what: 'pin entries in' },
      () => {
        const table = this.table();
        if ((table[file] !== undefined) === pinned) return false;
        if (pinned) table[file] = { pinned_timestamp: now / 1000 };
        else delete table[file];
        mkdirSync(this.layout.state, { recursive: true });
        writeFileAtomic(this.layout.pins, Buffer.from(`${JSON.stringify(table, null, 2)}\n`));
        return true;
      },
    );
  }

  private table(): PinTable {
    const table = readJsonFile<PinTable>(this.layout.pins);
    return table !== undefined && typeof table === 'object' && !Array.isArray(table) ? table : {};
  }
}
