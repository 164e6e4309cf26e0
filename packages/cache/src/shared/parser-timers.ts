import type { EventEmitter } from 'node:events';

/**
 * ioredis parses replies with redis-parser, which after a reply larger than its 32 KB buffer pool
 * starts a 50 ms interval (module-private, so nothing can clear it) that shrinks the pool by a
 * tenth per tick; after a 1 MiB chunk that takes about 2 s, and the interval is referenced, so a
 * process that had just pulled a job from Redis stayed alive about 2 s after its work was done.
 * Intervals started while a reply on `stream` is parsed are unreferenced instead: the pool still
 * shrinks while the process has other work, and no longer holds it open. Only this stream's
 * `data` events are touched, and the global is restored before the event returns.
 */
export function unrefParserTimers(stream: EventEmitter): void {
  const emit = stream.emit.bind(stream);
  stream.emit = (event: string | symbol, ...args: unknown[]): boolean => {
    if (event !== 'data') return emit(event, ...args);
    const setIntervalBefore = globalThis.setInterval;
    globalThis.setInterval = ((...timerArgs: Parameters<typeof setInterval>) =>
      setIntervalBefore(...timerArgs).unref()) as typeof setInterval;
    try {
      return emit(event, ...args);
    } finally {
      globalThis.setInterval = setIntervalBefore;
    }
  };
}
