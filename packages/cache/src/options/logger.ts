/** Where the cache reports what a user should know: a write that failed, an entry moved aside, a stale entry. */
export interface CacheLogger {
  warn(message: string): void;
  info(message: string): void;
}

export const stderrLogger: CacheLogger = {
  warn: (message) => process.stderr.write(`streamgank cache: warning: ${message}\n`),
  info: (message) => process.stderr.write(`streamgank cache: ${message}\n`),
};

export const silentLogger: CacheLogger = { warn: () => {}, info: () => {} };
