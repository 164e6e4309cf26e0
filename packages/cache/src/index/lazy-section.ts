/**
 * A part of the snapshot parsed when first asked for, then kept: what `stats` never reads is never
 * parsed for it. The snapshot's checksum is checked before the table is used, so a damaged section
 * rejects the whole snapshot up front; `fits` guards against a snapshot that is whole but does not
 * agree with itself.
 */
export function lazySection<T>(
  source: (() => unknown) | undefined,
  empty: () => T,
  fits: (value: unknown) => value is T,
): () => T {
  let value: T | undefined;
  let pending = source;
  return () => {
    if (value === undefined) {
      const read = pending ? pending() : empty();
      if (!fits(read)) {
        throw new Error(
          'the cache index snapshot does not match its own record of itself; run `streamgank cache verify --fix` to rebuild it',
        );
      }
      value = read;
      pending = undefined;
    }
    return value;
  };
}
