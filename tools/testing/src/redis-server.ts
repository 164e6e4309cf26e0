import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
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
  return systemRequirement(
    'redis-server',
    redisServerBinary() !== undefined,
    'install it with "apt-get install -y redis-server"',
  );
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

  /** False once the server was killed (and not restarted). */
  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  static async start(): Promise<RedisServer> {
    const binary = redisServerBinary();
    if (!binary) throw new Error('redis-server is not installed');
    const directory = mkdtempSync(join(tmpdir(), 'streamgank-redis-'));
    // Another process may take the free port before redis-server binds it: try a few.
    for (let attempt = 0; ; attempt += 1) {
      const port = await freePort();
      const child = launch(binary, port, directory);
      try {
        await waitUntilServing(port, child);
        return new RedisServer(child, port, directory, binary);
      } catch (error) {
        child.kill('SIGKILL');
        if (attempt >= 4) {
          rmSync(directory, { recursive: true, force: true });
          throw error;
        }
      }
    }
  }

  /** One command (`'INFO', 'clients'`) on its own connection, as ioredis answers it. */
  command(name: string, ...args: string[]): Promise<unknown> {
    return command(this.port, name, args);
  }

  /** How many clients are connected, not counting the connection that asks. */
  async connectedClients(): Promise<number> {
    const info = String(await this.command('INFO', 'clients'));
    const count = /connected_clients:(\d+)/.exec(info)?.[1];
    if (count === undefined) throw new Error(`unexpected INFO reply: ${info}`);
    return Number(count) - 1;
  }

  /** Empty every database, so each test starts from a Redis the team has not filled yet. */
  async flushAll(): Promise<void> {
    const reply = await this.command('FLUSHALL');
    if (reply !== 'OK') throw new Error(`FLUSHALL answered ${reply}`);
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
    await waitUntilServing(this.port, this.child);
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
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--appendonly',
    'no',
    '--dir',
    directory,
    '--loglevel',
    'warning',
  ];
  return spawn(binary, args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

/** Wait until this server answers on the port (it has bound it), or fail if it exits first. */
async function waitUntilServing(port: number, child: ChildProcess): Promise<void> {
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`redis-server exited (${child.exitCode}): ${stderr}`);
    // Whose answer it is matters: when redis-server lost the port to another test's server, that
    // one answers PING, and this test would flush and kill a server it does not own.
    const info = String(await command(port, 'INFO', ['server']).catch(() => ''));
    const pid = /^process_id:(\d+)/m.exec(info)?.[1];
    if (pid !== undefined && Number(pid) === child.pid) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`redis-server did not answer on port ${port} within 10 s: ${stderr}`);
}

/**
 * One command on a connection of its own, closed once answered, so that a test's server holds no
 * client of ours between calls (and `connectedClients` needs to leave out only the one asking).
 */
async function command(port: number, name: string, args: readonly string[] = []): Promise<unknown> {
  const client = new Redis({
    host: '127.0.0.1',
    port,
    lazyConnect: true,
    enableReadyCheck: false,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: 1000,
    commandTimeout: 1000,
  });
  // ioredis reports a refused connection through the promise below as well; this keeps it from
  // also being printed as an unhandled 'error' event.
  client.on('error', () => {});
  try {
    await client.connect();
    return await client.call(name, ...args);
  } finally {
    client.disconnect();
  }
}
