// Holds the cache's housekeeping lock for a while, as a clear in another process would.
// Prints "held" once it has it; then holds it for <ms> milliseconds (or until killed) and releases it.
import { dirname, join } from 'node:path';

const [distEntry, locksDirectory, holdText] = process.argv.slice(2);
const { withLock } = await import(join(dirname(distEntry), 'housekeeping', 'lock.js'));
const sleeper = new Int32Array(new SharedArrayBuffer(4));
withLock(locksDirectory, 'housekeeping', { waitMs: 5000, directory: locksDirectory, what: 'hold' }, () => {
  process.stdout.write('held\n');
  Atomics.wait(sleeper, 0, 0, Number(holdText));
});
process.stdout.write('released\n');
