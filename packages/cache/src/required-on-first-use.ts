import { createRequire } from 'node:module';

const requireHere = createRequire(import.meta.url);

/**
 * A CommonJS library of ours, loaded with `require` when first asked for and kept. `require`, not
 * `import`: imported as an ES module, a CommonJS file is first scanned by Node for its exports, and
 * V8 went on compiling that scanner in the background after the import, in every process that
 * imported this package. On first use: what only housekeeping or a shared tier needs costs nothing
 * to a process that lists or loads.
 */
export function requiredOnFirstUse<T>(specifier: string): () => T {
  let loaded: T | undefined;
  return () => {
    loaded ??= requireHere(specifier) as T;
    return loaded;
  };
}
