export { systemRequirement, commandExists } from './system.js';
export { tempDir } from './temp-dir.js';
export { freePort, unusedRedisUrl } from './free-port.js';
export { RedisServer, redisRequirement, redisServerBinary } from './redis-server.js';
export { launchChromium, chromiumRequirement, saveScreenshot, type BrowserSession } from './chromium.js';
export { makePng } from './png.js';
