import { createServer } from 'node:net';

/** A loopback port nothing listens on right now (the OS picks it, then it is released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** A Redis URL where no server runs: a shared tier that is configured but down. */
export async function unusedRedisUrl(password?: string): Promise<string> {
  const credentials = password === undefined ? '' : `:${password}@`;
  return `redis://${credentials}127.0.0.1:${await freePort()}`;
}
