/**
 * Files this process produced, by digest. When the cache is off or cannot be written a blob is
 * never stored, yet the run still needs its bytes: `restoreBlob` copies them from here instead.
 */
const localCopies = new Map<string, string>();

export function rememberLocalCopy(sha256: string, path: string): void {
  localCopies.set(sha256, path);
}

export function localCopyOf(sha256: string): string | undefined {
  return localCopies.get(sha256);
}
