import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Child scripts run the built package, as other processes would; `nx test` builds it first. */
export const DIST_ENTRY = join(import.meta.dirname, '..', '..', 'dist', 'index.js');

export function assertBuilt(): void {
  if (!existsSync(DIST_ENTRY))
    throw new Error(`${DIST_ENTRY} is missing: run \`npx nx build cache\` first (nx test does).`);
}

export function spawnChild(script: string, args: string[], options: { uid?: number; gid?: number } = {}): ChildProcess {
  return spawn(process.execPath, [join(import.meta.dirname, script), DIST_ENTRY, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    ...options,
  });
}

export function exitOf(
  child: ChildProcess,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}
