import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The built command, as `npx streamgank` runs it. Tests run it as a child process, never in-process. */
export const BIN = fileURLToPath(new URL('../../dist/bin.js', import.meta.url));

/**
 * The published bin, which runs the bundle (`nx run cli:bundle`) when it is built: what `npx streamgank`
 * starts, so start-up time is measured on it. Behaviour tests use BIN, whose stack traces name sources.
 */
export const PUBLISHED_BIN = fileURLToPath(new URL('../../bin/streamgank.js', import.meta.url));

export interface CliResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliOptions {
  /** Working directory (where `.env` and the default `test_output` are looked for). */
  readonly cwd: string;
  /** Added to a clean environment: none of the caller's StreamGank, OpenAI or Cloudinary settings leak in. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly input?: string;
  readonly timeoutMs?: number;
  /** Arguments for node itself, before the script (e.g. `--import` a module hook). */
  readonly nodeArgs?: readonly string[];
}

/** The process environment without anything that configures StreamGank, so tests decide it all. */
export function cleanEnv(extra: Readonly<Record<string, string | undefined>> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (/^(STREAMGANK_|OPENAI_|CLOUDINARY_|APP_ENV$|NODE_OPTIONS$|VITEST)/.test(name)) continue;
    env[name] = value;
  }
  for (const [name, value] of Object.entries(extra)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  return env;
}

export function spawnCli(args: readonly string[], options: CliOptions): ChildProcess {
  return spawn(process.execPath, [...(options.nodeArgs ?? []), BIN, ...args], {
    cwd: options.cwd,
    env: cleanEnv(options.env),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

/** Collect a child's output and wait for it to end (killing it after `timeoutMs`). */
export function finished(child: ChildProcess, timeoutMs = 60_000): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`streamgank did not finish within ${timeoutMs} ms; stdout: ${stdout}; stderr: ${stderr}`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** Run `streamgank …args` to the end. */
export function runCli(args: readonly string[], options: CliOptions): Promise<CliResult> {
  const child = spawnCli(args, options);
  child.stdin?.end(options.input ?? '');
  return finished(child, options.timeoutMs);
}

/** The one JSON document a `--json` command prints; fails the test if stdout holds anything else. */
export function parseJsonOutput<T = Record<string, unknown>>(result: CliResult): T {
  try {
    return JSON.parse(result.stdout) as T;
  } catch {
    throw new Error(
      `stdout is not one JSON document (exit ${result.code}):\n${result.stdout}\nstderr:\n${result.stderr}`,
    );
  }
}

export interface ServedDashboard {
  readonly url: string;
  /** Ctrl-C, as a person would stop it; resolves with how it exited. */
  stop(): Promise<CliResult>;
}

/** `streamgank … dashboard …` as a child process, once it has printed its URL and token. */
export async function startDashboardCli(args: readonly string[], cwd: string): Promise<ServedDashboard> {
  const child = spawnCli(args.includes('dashboard') ? args : ['dashboard', ...args], { cwd });
  const done = finished(child);
  const printed = await new Promise<string>((resolve, reject) => {
    let text = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (/Token: +\S+\n/.test(text)) resolve(text);
    });
    child.on('close', () => reject(new Error(`streamgank dashboard exited before printing its URL: ${text}`)));
  });
  const url = /Dashboard: (\S+)/.exec(printed)?.[1];
  if (!url) throw new Error(`no URL in: ${printed}`);
  return {
    url,
    stop: () => {
      child.kill('SIGINT');
      return done;
    },
  };
}
