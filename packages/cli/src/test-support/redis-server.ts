import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.js';
import { systemRequirement } from './system.js';

/** The redis-server binary: REDIS_SERVER, else the one on PATH. */
export function redisServerBinary(): string | undefined {
  const candidate = process.env['REDIS_SERVER'] ?? 'redis-server';
  const probe = spawnSync(candidate, ['--version'], { encoding: 'utf8' });
  return probe.status === 0 ? candidate : undefined;
}

/** Skip (or, with STREAMGANK_REQUIRE_SYSTEM_TESTS=1, fail) the suite when redis-server is not installed. */
export function redisRequirement(): { skip: boolean } {
  return systemRequirement('redis-server', redisServerBinary() !== undefined, 'install it with "apt-get install -y redis-server"');
}

/** A real redis-server on a free loopback port, with no persistence, owned by one test file. */
export class RedisServer {
  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
    private readonly directory: string,
  ) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  static async start(): Promise<RedisServer> {
    const binary = redisServerBinary();
    if (!binary) throw new Error('redis-server is not installed');
    const directory = mkdtempSync(join(tmpdir(), 'streamgank-cli-redis-'));
    // Another process may take the free port before redis-server binds it: try a few.
    for (let attempt = 0; ; attempt += 1) {
      const port = await freePort();
      const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', directory, '--loglevel', 'warning'];
      const child = spawn(binary, args, { stdio: ['ignore', 'ignore', 'pipe'] });
      try {
        await waitForPong(port, child);
        return new RedisServer(child, port, directory);
      } catch (error) {
        child.kill('SIGKILL');
        if (attempt >= 4) {
          rmSync(directory, { recursive: true, force: true });
          throw error;
        }
      }
    }
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      const exited = new Promise((resolve) => this.child.once('exit', resolve));
      this.child.kill('SIGKILL');
      await exited;
    }
    rmSync(this.directory, { recursive: true, force: true });
  }
}

/** Wait until the server answers PING (it has bound its port), or fail if it exits first. */
async function waitForPong(port: number, child: ChildProcess): Promise<void> {
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`redis-server exited (${child.exitCode}): ${stderr}`);
    if (await pings(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`redis-server did not answer on port ${port} within 10 s: ${stderr}`);
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
