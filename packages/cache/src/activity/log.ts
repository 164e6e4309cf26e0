import { mkdirSync, renameSync } from 'node:fs';
import { unlinkQuietly, writeFileAtomic } from '../files/atomic-file.js';
import { tryLock } from '../housekeeping/lock.js';
import { readJsonFile, readJsonLines } from '../files/jsonl.js';
import { flushLines, queueLine } from './pending-lines.js';
import type { CacheLayout } from '../files/layout.js';

export type ActivityKind = 'hit' | 'miss' | 'stale' | 'corrupt' | 'write' | 'write_failed';

export interface ActivityEvent {
  /** Milliseconds since the epoch. */
  readonly t: number;
  readonly ev: ActivityKind;
  readonly file: string;
  readonly type: string;
  /** For a hit: the producing time it saved. For a write: what producing took. */
  readonly ms?: number;
  /** For a hit: the money it saved (the entry's recorded cost). */
  readonly usd?: number;
  /** For a hit: which tier served it ("local", "redis"). */
  readonly tier?: string;
}

export interface ActivityCounts {
  hit: number;
  miss: number;
  stale: number;
  corrupt: number;
  write: number;
  write_failed: number;
}

/** One hour of activity: the counts, and what that hour's hits saved. */
export interface HourlyActivity extends ActivityCounts {
  time_saved_ms: number;
  cost_saved_usd: number;
}

export interface ActivitySummary {
  readonly totals: ActivityCounts;
  readonly time_saved_ms: number;
  readonly cost_saved_usd: number;
  /** Hits served by each tier ("local", "redis", …). */
  readonly hits_by_tier: Record<string, number>;
  /** Counts per hour, keyed by the hour's start in epoch milliseconds. */
  readonly hourly: Record<string, HourlyActivity>;
  readonly last_event_at: number | null;
}

/** Last hit or write per entry file, epoch milliseconds (for least-recently-used pruning). */
export type AccessTimes = Record<string, number>;

/**
 * Past this the log is folded. `stats` parses what is not folded yet on every call: at 64 KB
 * (about 3,000 events) that is a few milliseconds; a fold rewrites the summary and access table.
 */
const COMPACT_AT_BYTES = 64 * 1024;
const KEEP_HOURS = 90 * 24;
const KEEP_ACCESS_RECORDS = 50_000;
const HOUR_MS = 3_600_000;

export function emptyCounts(): ActivityCounts {
  return { hit: 0, miss: 0, stale: 0, corrupt: 0, write: 0, write_failed: 0 };
}

function emptySummary(): ActivitySummary {
  return {
    totals: emptyCounts(),
    time_saved_ms: 0,
    cost_saved_usd: 0,
    hits_by_tier: {},
    hourly: {},
    last_event_at: null,
  };
}

/** Adds `events` to `summary`, which is changed in place (callers pass a freshly read one). */
function foldEvents(start: ActivitySummary, events: readonly ActivityEvent[]): ActivitySummary {
  const summary = start as { -readonly [K in keyof ActivitySummary]: ActivitySummary[K] };
  for (const event of events) {
    if (!(event.ev in summary.totals)) continue;
    summary.totals[event.ev] += 1;
    const hour = String(Math.floor(event.t / HOUR_MS) * HOUR_MS);
    const bucket = (summary.hourly[hour] ??= { ...emptyCounts(), time_saved_ms: 0, cost_saved_usd: 0 });
    bucket[event.ev] += 1;
    if (event.ev === 'hit') {
      summary.time_saved_ms += event.ms ?? 0;
      summary.cost_saved_usd += event.usd ?? 0;
      bucket.time_saved_ms = (bucket.time_saved_ms ?? 0) + (event.ms ?? 0);
      bucket.cost_saved_usd = (bucket.cost_saved_usd ?? 0) + (event.usd ?? 0);
      const tier = event.tier ?? 'local';
      summary.hits_by_tier[tier] = (summary.hits_by_tier[tier] ?? 0) + 1;
    }
    summary.last_event_at = Math.max(summary.last_event_at ?? 0, event.t);
  }
  return summary;
}

function foldAccess(access: AccessTimes, events: readonly ActivityEvent[]): AccessTimes {
  for (const event of events)
    if (event.ev === 'hit' || event.ev === 'write') access[event.file] = Math.max(access[event.file] ?? 0, event.t);
  return access;
}

function bounded(summary: ActivitySummary, now: number): ActivitySummary {
  const oldestHour = now - KEEP_HOURS * HOUR_MS;
  const hourly = Object.fromEntries(Object.entries(summary.hourly).filter(([hour]) => Number(hour) >= oldestHour));
  return { ...summary, hourly };
}

function boundedAccess(access: AccessTimes, forget: ReadonlySet<string> | undefined): AccessTimes {
  const kept = Object.entries(access)
    .filter(([file]) => !forget?.has(file))
    .sort((a, b) => b[1] - a[1])
    .slice(0, KEEP_ACCESS_RECORDS);
  return Object.fromEntries(kept);
}

/**
 * Hits, misses, stale reads and writes, kept so that stats and the dashboard can show hit rate and
 * time saved. Events are appended to a small log; past 64 KB the log is folded into a summary
 * (totals, hourly counts for 90 days) and a table of last access per entry, so the record stays
 * bounded however long the cache lives. Stats read only the summary; list and prune the table.
 */
export class ActivityLog {
  constructor(private readonly layout: CacheLayout) {}

  record(event: ActivityEvent): void {
    queueLine(this.layout.activityLog, JSON.stringify(event), (size) => {
      if (size > COMPACT_AT_BYTES) this.compact();
    });
  }

  summary(): ActivitySummary {
    flushLines(this.layout.activityLog);
    const base = readJsonFile<ActivitySummary>(this.layout.activitySummary) ?? emptySummary();
    return foldEvents(base, readJsonLines<ActivityEvent>(this.layout.activityLog));
  }

  lastAccess(): AccessTimes {
    flushLines(this.layout.activityLog);
    const base = readJsonFile<AccessTimes>(this.layout.accessTimes) ?? {};
    return foldAccess(base, readJsonLines<ActivityEvent>(this.layout.activityLog));
  }

  /** The most recent events, newest last (at most `limit`, from the unfolded log). */
  recent(limit: number): ActivityEvent[] {
    flushLines(this.layout.activityLog);
    return readJsonLines<ActivityEvent>(this.layout.activityLog).slice(-limit);
  }

  forget(files: readonly string[]): void {
    if (files.length === 0) return;
    this.compact(new Set(files));
  }

  private compact(forget?: ReadonlySet<string>): void {
    flushLines(this.layout.activityLog);
    const lock = tryLock(this.layout.locks, 'activity');
    if (!lock) return;
    const compacting = `${this.layout.activityLog}.${process.pid}.compacting`;
    try {
      try {
        renameSync(this.layout.activityLog, compacting);
      } catch {
        // Nothing to fold yet.
      }
      const events = readJsonLines<ActivityEvent>(compacting);
      const base = readJsonFile<ActivitySummary>(this.layout.activitySummary) ?? emptySummary();
      const summary = bounded(foldEvents(base, events), Date.now());
      const access = boundedAccess(
        foldAccess(readJsonFile<AccessTimes>(this.layout.accessTimes) ?? {}, events),
        forget,
      );
      mkdirSync(this.layout.state, { recursive: true });
      writeFileAtomic(this.layout.accessTimes, Buffer.from(JSON.stringify(access)), { durable: false });
      writeFileAtomic(this.layout.activitySummary, Buffer.from(JSON.stringify(summary)), { durable: false });
      unlinkQuietly(compacting);
    } catch {
      // Keep the log as it is; the next record tries again.
    } finally {
      lock.release();
    }
  }
}
