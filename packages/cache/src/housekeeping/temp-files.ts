import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { CacheContext } from '../context.js';
import { isProcessAlive, parseTempName } from '../files/atomic-file.js';
import { fileAgeMs } from './remove.js';

/** A temp file nobody will finish: its writer is dead, or it is more than an hour old. */
const ABANDONED_AFTER_MS = 60 * 60_000;

export interface TempFile {
  readonly absolute: string;
  readonly path: string;
  readonly abandoned: boolean;
  readonly reason: string;
}

function listDirectory(path: string): string[] {
  try {
    return readdirSync(path);
  } catch {
    return [];
  }
}

/** This cache's temp files (and journals being folded), and whether their writers are gone. */
export function findTempFiles(context: CacheContext): TempFile[] {
  const { layout } = context;
  const found: TempFile[] = [];
  const now = Date.now();
  for (const directory of [layout.root, layout.blobTemp, layout.state]) {
    for (const name of listDirectory(directory)) {
      const absolute = join(directory, name);
      const temp = parseTempName(name);
      const compacting = /\.\d+\.compacting$/.exec(name);
      if (!temp && !compacting) continue;
      const pid = temp ? temp.pid : Number(name.split('.').at(-2));
      const age = fileAgeMs(absolute, now) ?? 0;
      const alive = isProcessAlive(pid);
      const reason = !alive
        ? `its writer (pid ${pid}) is gone`
        : age > ABANDONED_AFTER_MS
          ? 'older than an hour'
          : 'being written';
      found.push({
        absolute,
        path: relative(layout.root, absolute),
        abandoned: !alive || age > ABANDONED_AFTER_MS,
        reason,
      });
    }
  }
  return found;
}
