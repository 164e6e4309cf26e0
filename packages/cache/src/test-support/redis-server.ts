import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemRequirement } from './system.js';

/** The redis-server binary: REDIS_SERVER, else the one on PATH. */
export function redisServerBinary(): string | undefined {
  const candidate = process.env['REDIS_SERVER'] ?? 'redis-server';
  const probe = spawnSync(candidate, ['--version'], { encoding: 'utf8' });
  return probe.status === 0 ? candidate : undefined;
}

/** Skip (or, in CI, fail) the suite when redis-server is not installed. */
export function redisRequirement(): { skip: boolean } {
  return systemRequirement('redis-server', redisServerBinary() !== undefined, 'install it with `apt-get install redis-server`');
}

/** A real redis-server on a free loopback port, with no persistence, owned by one test file. */
export class RedisServer {
  private constructor(
    private child: ChildProcess,
    readonly port: number,
    private readonly directory: string,
    private readonly binary: string,
  ) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  get pid(): number {
    return this.child.pid as number;
  }

  static async start(): Promise<RedisServer> {
    const binary = redisServerBinary();
    if (!binary) throw new Error('redis-server is not installed');
    const directory = mkdtempSync(join(tmpdir(), 'streamgank-redis-'));
    for (let attempt = 0; ; attempt += 1) {
      const port = await freePort();
      const child = launch(binary, port, directory);
      try {
        await waitForPong(port, child);
        return new RedisServer(child, port, directory, binary);
      } catch (error) {
        child.kill('SIGKILL');
        if (attempt >= 4) throw error;
      }
    }
  }

  /** SIGKILL: the server is gone at once, as when a machine or container dies. */
  async kill(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGKILL');
    await exited;
  }

  /** Start again on the same port (an empty server: nothing is persisted). */
  async restart(): Promise<void> {
    await this.kill();
    this.child = launch(this.binary, this.port, this.directory);
    await waitForPong(this.port, this.child);
  }

  /** SIGSTOP: connections stay open but nothing answers, like a server stuck on a slow disk. */
  pause(): void {
    this.child.kill('SIGSTOP');
  }

  resume(): void {
    this.child.kill('SIGCONT');
  }

  async stop(): Promise<void> {
    this.resume();
    await this.kill();
    rmSync(this.directory, { recursive: true, force: true });
  }
}

function launch(binary: string, port: number, directory: string): ChildProcess {
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', directory, '--loglevel', 'warning'];
  return spawn(binary, args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Wait until the server answers PING (it has bound its port), or fail if it exits first. */
async function waitForPong(port: number, child: ChildProcess): Promise<void> {
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk));
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`redis-server exited (${child.exitCode}): ${stderr}`);
    if (await pings(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`redis-server did not answer on port ${port} within 10 s: ${stderr}`);
}

/** A free port that nothing listens on: a Redis URL for "not running". */
export async function unusedRedisUrl(): Promise<string> {
  return `redis://127.0.0.1:${await freePort()}`;
}

function pings(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    let reply = '';
    socket.setTimeout(500, () => {
      socket.destroy();
      resolve(false);
    });
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString();
      if (reply.includes('\r\n')) {
        socket.destroy();
        resolve(reply.startsWith('+PONG'));
      }
    });
    socket.on('error', () => resolve(false));
  });
}
