import { createServer } from 'node:net';

/** A loopback port that was free a moment ago (nothing listens on it now). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** A Redis URL where nothing answers: the shared tier as an outage looks. */
export async function closedRedisUrl(password?: string): Promise<string> {
  return `redis://${password === undefined ? '' : `:${password}@`}127.0.0.1:${await freePort()}`;
}
