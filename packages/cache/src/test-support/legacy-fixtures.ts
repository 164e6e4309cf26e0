import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '@streamgank/testing';

export const LEGACY_FIXTURES = join(import.meta.dirname, '..', '..', 'test-fixtures', 'legacy-python');

/** A temp cache directory holding copies of the Python version's files. */
export function legacyCacheDir(): string {
  const dir = tempDir('streamgank-cache-');
  cpSync(LEGACY_FIXTURES, dir, { recursive: true });
  return dir;
}
