import type { Stats } from 'node:fs';

/**
 * What tells one version of a file from another without reading it: a file renamed over it (a
 * colleague's copy, a `git checkout`, an `rsync`) has another inode; one written in place has
 * another size or modification time.
 */
export interface FileIdentity {
  readonly ino: number;
  readonly size: number;
  readonly mtimeMs: number;
}

export function identityOf(stats: Pick<Stats, 'ino' | 'size' | 'mtimeMs'>): FileIdentity {
  return { ino: stats.ino, size: stats.size, mtimeMs: stats.mtimeMs };
}

export function sameIdentity(a: FileIdentity | undefined, b: FileIdentity | undefined): boolean {
  return a !== undefined && b !== undefined && a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs;
}
