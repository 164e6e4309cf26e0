import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * A file shipped in this package (the catalog, the fonts), found through the package's own name
 * rather than relative to this module, so it is found the same from src/ (tests), dist/, and a
 * bundle of the CLI that has this module inside it.
 */
export function packageFile(...path: string[]): string {
  root ??= dirname(createRequire(import.meta.url).resolve('@streamgank/pipeline/package.json'));
  return join(root, ...path);
}

let root: string | undefined;
