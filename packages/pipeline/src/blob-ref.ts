import * as z from 'zod/mini';

/** A file kept in the cache's blob store, as `ctx.putBlob` returns it. */
export const blobRefSchema = z.object({
  sha256: z.string().check(z.regex(/^[0-9a-f]{64}$/)),
  bytes: z.int().check(z.nonnegative()),
  media_type: z.string().check(z.minLength(1)),
});

export type StoredBlob = z.infer<typeof blobRefSchema>;

/** How a blob is written where the seed had a URL (`enhanced_posters`, `dynamic_clips`). */
export function blobAddress(blob: StoredBlob): string {
  return `blob:sha256:${blob.sha256}`;
}
