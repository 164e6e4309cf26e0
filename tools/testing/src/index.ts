export { systemRequirement, commandExists } from './system.js';
export { tempDir } from './temp-dir.js';
export { ageBlobs, writePythonEntry } from './cache-files.js';
export { freePort, unusedRedisUrl } from './free-port.js';
export { RedisServer, redisRequirement, redisServerBinary } from './redis-server.js';
export {
  launchChromium,
  chromiumRequirement,
  saveScreenshot,
  firstShownTimer,
  type BrowserSession,
  type FirstShownTimer,
} from './chromium.js';
export { makePng } from './png.js';
export { median, interleavedSamples } from './timing.js';
export { syntheticEntries, SYNTHETIC_ENTRY_LIMIT, type SyntheticEntry } from './synthetic-entries.js';
export { mountTmpfs, type MountedTmpfs } from './tmpfs.js';

export { errorTableProblems } from './error-table.js';
