import { createHash } from 'node:crypto';

/**
 * A `pipeline` stage that hashes (SHA-256) and counts the bytes passing through it, so a blob is
 * checked on the same single pass that copies it. Read `result()` once the pipeline has finished.
 */
export function digestingStage(): {
  stage: (chunks: AsyncIterable<Buffer>) => AsyncGenerator<Buffer>;
  result: () => { sha256: string; bytes: number };
} {
  const hash = createHash('sha256');
  let bytes = 0;
  return {
    async *stage(chunks) {
      for await (const chunk of chunks) {
        hash.update(chunk);
        bytes += chunk.length;
        yield chunk;
      }
    },
    result: () => ({ sha256: hash.digest('hex'), bytes }),
  };
}
