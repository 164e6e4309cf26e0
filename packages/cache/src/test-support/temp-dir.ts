import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

const created: string[] = [];

afterEach(() => {
  while (created.length > 0) rmSync(created.pop() as string, { recursive: true, force: true });
});

/** A fresh directory under the OS temp dir, removed after the test. */
export function tempDir(prefix = 'streamgank-cache-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}

export const LEGACY_FIXTURES = join(import.meta.dirname, '..', '..', 'test-fixtures', 'legacy-python');

/** A temp cache directory holding copies of the Python version's files. */
export function legacyCacheDir(): string {
  const dir = tempDir();
  cpSync(LEGACY_FIXTURES, dir, { recursive: true });
  return dir;
}
