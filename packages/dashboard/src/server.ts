import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createCache, type BlobDescriber, type Cache } from '@streamgank/cache';
import { CacheListings } from './cache-listings.js';
import { InvalidDashboardOptionError, ListenError, PortInUseError } from './errors.js';
import { allowedHosts, displayHost } from './host-check.js';
import { KeptVersionBlobs } from './kept-version-blobs.js';
import { handleRequest } from './router.js';
import { loadStaticAssets } from './static-assets.js';
import { assertUsableToken, generateToken } from './token.js';

export interface DashboardOptions {
  /** The cache directory to show; default `STREAMGANK_CACHE_DIR`, else `test_output`. Ignored when `cache` is given. */
  readonly cacheDir?: string;
  /** Default 127.0.0.1: only this machine can reach the page. */
  readonly host?: string;
  /** Default 4300; 0 picks a free port (the URL tells which). */
  readonly port?: number;
  /** Needed to clear entries from the page; a random one is made when not given. */
  readonly token?: string;
  /**
   * The team's Redis, shown as the shared tier (`--redis-url`): `redis://[:password@]host:port[/db]`.
   * Default `STREAMGANK_REDIS_URL` from `env`; `""` for none. Ignored when `cache` is given.
   */
  readonly redisUrl?: string;
  /** Where the cache reads `STREAMGANK_CACHE_DIR`, `STREAMGANK_REDIS_URL` and its modes; default `process.env`. Ignored when `cache` is given. */
  readonly env?: NodeJS.ProcessEnv;
  /** An open cache to show instead of opening `cacheDir`; the caller keeps ownership of it (and closes it). */
  readonly cache?: Cache;
  /**
   * Media facts (duration, width x height, codecs) of the blobs the history view compares; the
   * CLI passes the pipeline's ffprobe. Without it the view shows each blob's kind and bytes.
   */
  readonly describeBlob?: BlobDescriber;
}

export interface RunningDashboard {
  /** e.g. `http://127.0.0.1:4300/` */
  readonly url: string;
  readonly token: string;
  readonly port: number;
  readonly host: string;
  close(): Promise<void>;
}

export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 4300;

/** Serve the cache's stats page. Rejects with PortInUseError when the port is taken. */
export async function startDashboard(options: DashboardOptions = {}): Promise<RunningDashboard> {
  const host = options.host ?? DEFAULT_HOST;
  const port = options.port ?? DEFAULT_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new InvalidDashboardOptionError('port', port, 'a whole number from 0 to 65535');
  }
  if (typeof host !== 'string' || host.trim() === '')
    throw new InvalidDashboardOptionError('host', host, 'an address such as 127.0.0.1');
  if (options.redisUrl !== undefined && typeof options.redisUrl !== 'string') {
    throw new InvalidDashboardOptionError('redis-url', options.redisUrl, 'a URL such as redis://127.0.0.1:6379');
  }
  const token = options.token ?? generateToken();
  assertUsableToken(token);
  const assets = loadStaticAssets();
  const ownsCache = options.cache === undefined;
  const cache = options.cache ?? openOwnCache(options);

  const server = createServer();
  let actualPort: number;
  try {
    actualPort = await listen(server, host, port);
  } catch (error) {
    if (ownsCache) await cache.close();
    throw error;
  }
  const url = `http://${displayHost(host)}:${actualPort}/`;
  const listings = new CacheListings(cache);
  const state = {
    cache,
    listings,
    keptVersions: new KeptVersionBlobs(listings),
    describeBlob: options.describeBlob,
    token,
    allowedHosts: allowedHosts(host, actualPort),
    url,
    assets,
    reportError: (error: unknown, request: IncomingMessage) => {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      process.stderr.write(`dashboard: ${request.method} ${request.url} failed: ${message}\n`);
    },
  };
  server.on('request', (request, response) => void handleRequest(state, request, response));

  let closing: Promise<void> | undefined;
  return {
    url,
    token,
    port: actualPort,
    host,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }).then(() => (ownsCache ? cache.close() : undefined));
      return closing;
    },
  };
}

function openOwnCache(options: DashboardOptions): Cache {
  return createCache({
    ...(options.cacheDir !== undefined && { dir: options.cacheDir }),
    ...(options.redisUrl !== undefined && { redisUrl: options.redisUrl }),
    env: options.env ?? process.env,
  });
}

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      if (error.code === 'EADDRINUSE') reject(new PortInUseError(port, host, { cause: error }));
      else reject(new ListenError(port, host, error.code ?? error.message, { cause: error }));
    };
    const onListening = () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen({ host, port, exclusive: true });
  });
}
