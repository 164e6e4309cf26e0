import type { Output } from '../output.js';

/**
 * Ctrl-C (or SIGTERM) aborts the run through `controller`: the pipeline stops its FFmpeg children,
 * keeps what is cached and removes its temp files. A second Ctrl-C quits at once.
 * Returns a function that removes the handlers.
 */
export function abortOnSignals(controller: AbortController, output: Output): () => void {
  const handler = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) process.exit(130);
    output.warn(
      `\nStopping (${signal}): cancelling the current step; what is already cached is kept. Press Ctrl-C again to quit at once.`,
    );
    controller.abort();
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}
