// Module hooks (run on node's loader thread): append each resolved URL to STREAMGANK_TEST_MODULE_LOG.
import { appendFileSync } from 'node:fs';

const log = process.env.STREAMGANK_TEST_MODULE_LOG;

export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  if (log) appendFileSync(log, `${resolved.url}\n`);
  return resolved;
}
