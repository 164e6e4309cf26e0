import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli, spawnCli } from './test-support/run-cli.js';
import { tempDir } from '@streamgank/testing';

const COMMANDS = [
  [],
  ['run'],
  ['cache'],
  ['cache', 'list'],
  ['cache', 'stats'],
  ['cache', 'clear'],
  ['cache', 'prune'],
  ['cache', 'verify'],
  ['cache', 'show'],
  ['cache', 'export'],
  ['cache', 'import'],
  ['dashboard'],
];

describe('streamgank', () => {
  it('stops quietly when the reader closes its output early, as `| head` does', async () => {
    const child = spawnCli(['cache', 'list', '--help'], { cwd: tempDir() });
    child.stdout?.destroy();
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).not.toMatch(/EPIPE|Error/);
    expect(code).toBe(0);
  });

  it('prints the package version', async () => {
    const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    const result = await runCli(['--version'], { cwd: tempDir() });
    expect(result).toMatchObject({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it.each(COMMANDS)('has --help with examples and the global options: %s', async (...words) => {
    const result = await runCli([...words, '--help'], { cwd: tempDir() });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Usage: streamgank${words.length > 0 ? ` ${words.join(' ')}` : ''}`);
    expect(result.stdout).toMatch(/Examples:\n {2}\$ streamgank /);
    expect(result.stdout).toContain('--cache-dir <dir>');
    expect(result.stdout).toContain('--redis-url <url>');
    expect(result.stdout).toContain('--no-redis');
  });

  it('refuses an unknown option with exit 2 and one line naming it and what is accepted', async () => {
    const result = await runCli(['cache', 'stats', '--jsn'], { cwd: tempDir() });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      "streamgank: error: unknown option '--jsn' (Did you mean --json?); 'streamgank cache stats' accepts --json (see 'streamgank cache stats --help').\n",
    );
  });

  it('refuses an unknown command with exit 2', async () => {
    const result = await runCli(['cash', 'stats'], { cwd: tempDir() });
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain("unknown command 'cash'");
  });

  it('asks for a subcommand with exit 2 when `cache` has none', async () => {
    const result = await runCli(['cache'], { cwd: tempDir() });
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n').at(-1)).toBe(
      "streamgank: error: 'streamgank cache' needs a command: list, stats, clear, prune, verify, show, why, history, diff, restore, pin, unpin, review, export, import.",
    );
  });

  it('shows a stack trace only with --verbose', async () => {
    const cwd = tempDir();
    const plain = await runCli(['cache', 'show', 'nothing_here_at_all.json'], { cwd });
    expect(plain.code).toBe(1);
    expect(plain.stderr).not.toMatch(/\n\s+at /);
    const verbose = await runCli(['--verbose', 'cache', 'show', 'nothing_here_at_all.json'], { cwd });
    expect(verbose.code).toBe(1);
    expect(verbose.stderr).toMatch(/FailureError: There is no entry[^\n]*\n\s+at /);
    expect(verbose.stderr.trim().split('\n').at(-1)).toMatch(
      /^streamgank: error: There is no entry nothing_here_at_all\.json/,
    );
  });

  it('never shows a key from the environment or .env, even in a stack trace', async () => {
    const cwd = tempDir();
    const key = 'sk-test-0123456789abcdefghijklmnop';
    // A cache directory named after the key is the easiest way to get a key into an error message.
    const result = await runCli(
      ['--verbose', '--cache-dir', `/proc/${key}`, 'cache', 'show', 'script_result_us_horror_netflix.json'],
      {
        cwd,
        env: { OPENAI_API_KEY: key },
      },
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('/proc/***');
    expect(result.stdout + result.stderr).not.toContain(key);
  });
});
