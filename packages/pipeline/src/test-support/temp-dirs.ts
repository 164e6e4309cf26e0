import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Temporary folders for one test file, all removed by cleanup(). */
export function tempDirs(prefix: string) {
  const made: string[] = [];
  return {
    make(): string {
      const dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
      made.push(dir);
      return dir;
    },
    cleanup(): void {
      for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A reporter that keeps the lines a run prints. */
export function recordingReporter() {
  const lines: string[] = [];
  const progress: { step: number; fraction: number; note: string | undefined }[] = [];
  return {
    lines,
    progress,
    reporter: {
      line: (text: string) => lines.push(text),
      progress: (step: { number: number }, fraction: number, note?: string) =>
        progress.push({ step: step.number, fraction, note }),
    },
  };
}
