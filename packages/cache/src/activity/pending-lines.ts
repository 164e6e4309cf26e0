import { isNotFoundError } from '../errors.js';
import { appendText } from '../files/jsonl.js';

/**
 * Lines waiting to be appended, per file. Activity is recorded on every hit, and opening the log
 * for each one would cost a hit a tenth of its time; lines recorded together are appended together
 * instead: after the current tick, when 512 are waiting, before the log is read, and when the
 * process exits. A process killed outright loses at most the lines of its last tick.
 *
 * Lines are appended only into a cache directory that exists: bookkeeping never makes one. Until
 * it does (the misses of a first run, before its first save), they wait; a directory removed
 * after they were recorded stays removed, and they are dropped at exit.
 */
interface Pending {
  lines: string[];
  /** Told the file's size after each append (to decide when to fold the log). */
  onAppended: (size: number) => void;
}

const FLUSH_AT_LINES = 512;
const pending = new Map<string, Pending>();
let scheduled = false;
let exitHooked = false;

export function queueLine(path: string, line: string, onAppended: (size: number) => void): void {
  const waiting = pending.get(path) ?? { lines: [], onAppended };
  waiting.lines.push(line);
  waiting.onAppended = onAppended;
  pending.set(path, waiting);
  if (!exitHooked) {
    exitHooked = true;
    process.on('exit', flushAllLines);
  }
  if (waiting.lines.length >= FLUSH_AT_LINES) flushLines(path);
  else if (!scheduled) {
    scheduled = true;
    setImmediate(flushAllLines).unref();
  }
}

export function flushLines(path: string): void {
  const waiting = pending.get(path);
  if (!waiting || waiting.lines.length === 0) return;
  pending.delete(path);
  try {
    waiting.onAppended(appendText(path, `${waiting.lines.join('\n')}\n`));
  } catch (error) {
    // No cache directory (yet, or any more): keep the newest lines, half a batch, so that a
    // process that only misses in a directory never made stays bounded and does not retry per line.
    if (isNotFoundError(error)) pending.set(path, { ...waiting, lines: waiting.lines.slice(-FLUSH_AT_LINES / 2) });
    // Any other failure loses these lines, and nothing else: this is bookkeeping.
  }
}

function flushAllLines(): void {
  scheduled = false;
  for (const path of [...pending.keys()]) flushLines(path);
}
