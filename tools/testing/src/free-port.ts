import { connect, createServer } from 'node:net';

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

/**
 * A Redis URL where no server runs: a shared tier that is configured but down. The port is a
 * privileged one that refuses connections (a different one on each call): a port from `freePort()` is only free until a test
 * running in parallel (or the kernel, for an outgoing connection) takes it, and then the "down"
 * tier answers.
 */
export async function unusedRedisUrl(password?: string): Promise<string> {
  const credentials = password === undefined ? '' : `:${password}@`;
  return `redis://${credentials}127.0.0.1:${await refusingPort()}`;
}

/** Where the next search starts, so that each call in a process names a different port. */
let nextLowPort = 1;

async function refusingPort(): Promise<number> {
  for (; nextLowPort < 1024; nextLowPort += 1) {
    if (await refuses(nextLowPort)) return nextLowPort++;
  }
  throw new Error('every port below 1024 on 127.0.0.1 accepts connections; none can stand for a Redis that is down');
}

function refuses(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}
