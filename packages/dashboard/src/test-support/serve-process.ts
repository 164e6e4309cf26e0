import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// The built entry point that `nx run dashboard:serve` runs (the test target builds it first).
const SERVE = fileURLToPath(new URL('../../dist/serve.js', import.meta.url));

export interface ServeProcess {
  readonly child: ChildProcess;
  /** The URL and token it printed once it listens; rejects if it exits first. */
  readonly started: Promise<{ url: string; token: string }>;
  readonly exited: Promise<number | null>;
  output(): { stdout: string; stderr: string };
}

/**
 * `node dist/serve.js …` in a process of its own, with only PATH and `env` in its environment.
 * The caller stops it (SIGTERM for a clean stop).
 */
export function startServeProcess(args: readonly string[], env: NodeJS.ProcessEnv = {}): ServeProcess {
  if (!existsSync(SERVE)) throw new Error(`${SERVE} is missing: run "npx nx build dashboard" first.`);
  const child = spawn(process.execPath, [SERVE, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: process.env['PATH'], ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const started = new Promise<{ url: string; token: string }>((resolve, reject) => {
    child.stdout.on('data', () => {
      const url = /dashboard: (http:\S+)/.exec(stdout)?.[1];
      const token = /Token \(needed to clear entries\): (\S+)/.exec(stdout)?.[1];
      if (url && token) resolve({ url, token });
    });
    void exited.then((code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
  });
  return { child, started, exited, output: () => ({ stdout, stderr }) };
}
