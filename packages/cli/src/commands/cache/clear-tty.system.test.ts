import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { commandLine } from '../../shell-quote.js';
import { BIN, cleanEnv, finished } from '../../test-support/run-cli.js';
import { seedEntries } from '../../test-support/seed-cache.js';
import { commandExists, systemRequirement, tempDir } from '@streamgank/testing';

const { skip } = systemRequirement(
  'script (util-linux, for a pseudo-terminal)',
  commandExists('script', ['--version']),
  'apt-get install bsdutils',
);

/** `cache clear` with stdin on a pseudo-terminal, answering `answer` once the question shows. */
async function clearOnTerminal(dir: string, answer: string) {
  const command = commandLine([process.execPath, BIN, '--cache-dir', dir, 'cache', 'clear']);
  const child = spawn('script', ['-qec', command, '/dev/null'], {
    cwd: dir,
    env: cleanEnv(),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const result = finished(child, 30_000);
  let shown = '';
  await new Promise<void>((resolve) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      shown += chunk.toString();
      if (shown.includes('(y/N)')) resolve();
    });
  });
  child.stdin?.write(answer);
  child.stdin?.end();
  return { ...(await result), shown };
}

const entryCount = (dir: string) => readdirSync(dir).filter((name) => name.endsWith('.json')).length;

describe.skipIf(skip)('streamgank cache clear on a terminal', () => {
  it('asks before clearing everything, and clears on "y"', async () => {
    const dir = tempDir();
    seedEntries(dir);
    const result = await clearOnTerminal(dir, 'y\n');
    expect(result.shown).toContain(`Remove all 3 entries (`);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Removed 3 entries from ${dir}`);
    expect(entryCount(dir)).toBe(0);
  });

  it('stops with exit 130 and removes nothing on Ctrl-C', async () => {
    const dir = tempDir();
    seedEntries(dir);
    const result = await clearOnTerminal(dir, '\u0003');
    expect(result.code).toBe(130);
    expect(result.stdout).toContain('streamgank: error: Interrupted; nothing was removed.');
    expect(entryCount(dir)).toBe(3);
  });

  it('removes nothing and exits 1 on any other answer', async () => {
    const dir = tempDir();
    seedEntries(dir);
    const result = await clearOnTerminal(dir, 'n\n');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('streamgank: error: Nothing was removed.');
    expect(entryCount(dir)).toBe(3);
  });
});
