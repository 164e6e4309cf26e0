// Imports one bundle into a cache in this process and prints the outcome and the peak memory.
const [distEntry, dir, bundle, limitsText] = process.argv.slice(2);
const { dirname, join } = await import('node:path');
const { createCache, silentLogger } = await import(distEntry);
const { importBundle } = await import(join(dirname(distEntry), 'bundles.js'));
const cache = createCache({ dir, env: {}, logger: silentLogger });
let outcome;
try {
  const report = await importBundle(cache, bundle, { limits: JSON.parse(limitsText ?? '{}') });
  outcome = { imported: true, blobs_added: report.blobs_added, refused: report.refused };
} catch (error) {
  outcome = { imported: false, error: error.message, code: error.code };
}
process.stdout.write(JSON.stringify({ ...outcome, peak_rss_bytes: process.resourceUsage().maxRSS * 1024 }));
