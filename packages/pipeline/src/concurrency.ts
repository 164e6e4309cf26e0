import pLimit from 'p-limit';

/**
 * Map with at most `limit` calls in flight; results keep the order of `items`. After a failure no
 * new call starts, and the first error is thrown once the calls in flight have settled, so no
 * FFmpeg child is left writing into a folder that is about to be removed (p-limit's own `map`
 * rejects at once, while other calls still run).
 */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const queue = pLimit({ concurrency: Math.max(1, limit), rejectOnClear: true });
  let firstError: { error: unknown } | undefined;
  const settled = await Promise.allSettled(
    items.map((item, index) =>
      queue(async () => {
        try {
          return await fn(item, index);
        } catch (error) {
          firstError ??= { error };
          queue.clearQueue();
          throw error;
        }
      }),
    ),
  );
  if (firstError) throw firstError.error;
  return settled.map((result) => (result as PromiseFulfilledResult<R>).value);
}
