import { spawn } from 'node:child_process';
import type { EntryDiff } from '@streamgank/cache';
import picocolors from 'picocolors';
import { describe, expect, it } from 'vitest';
import { commandLine } from '../../../shell-quote.js';
import { BIN, cleanEnv, finished, parseJsonOutput, runCli } from '../../../test-support/run-cli.js';
import { testCache, US_HORROR } from '../../../test-support/seed-cache.js';
import { NEW_SCRIPT, OLD_SCRIPT, seedVersionedCache } from '../../../test-support/versioned-cache.js';
import { commandExists, systemRequirement, tempDir } from '@streamgank/testing';

const { skip } = systemRequirement(
  'script (util-linux, for a pseudo-terminal)',
  commandExists('script', ['--version']),
  'apt-get install bsdutils',
);

const DOWN = '\u001b[B';
const ENTER = '\r';

/**
 * `cache review` with stdin and stdout on a pseudo-terminal: each time the next question shows,
 * the keys of the next answer are typed.
 */
async function reviewOnTerminal(dir: string, answers: readonly { question: string; keys: string }[]) {
  const command = commandLine([process.execPath, BIN, '--cache-dir', dir, 'cache', 'review']);
  const child = spawn('script', ['-qec', command, '/dev/null'], { cwd: dir, env: cleanEnv(), stdio: 'pipe' });
  const result = finished(child, 60_000);
  let shown = '';
  let pending = [...answers];
  child.stdout?.on('data', (chunk: Buffer) => {
    shown += chunk.toString();
    const next = pending[0];
    if (next && shown.includes(next.question)) {
      pending = pending.slice(1);
      // Once the prompt has drawn itself; typed too early, keys reach the terminal before the prompt listens.
      setTimeout(() => {
        child.stdin?.write(next.keys);
        if (pending.length === 0) child.stdin?.end();
      }, 200);
    }
  });
  return { ...(await result), shown };
}

function currentData(dir: string, dataType: string): unknown {
  const read = testCache(dir).load(dataType, US_HORROR);
  return read.status === 'hit' ? read.data : undefined;
}

describe.skipIf(skip)('streamgank cache review on a terminal', { timeout: 90_000 }, () => {
  it('shows each diff in colour and keeps or reverts as answered', async () => {
    const { dir, files } = await seedVersionedCache(tempDir());
    const result = await reviewOnTerminal(dir, [
      { question: `Keep the new version of ${files.assets}?`, keys: ENTER },
      { question: `Keep the new version of ${files.script}?`, keys: DOWN + ENTER },
    ]);
    expect(result.code, result.shown).toBe(0);
    expect(result.shown).toContain(`[1/2] ${files.assets}`);
    expect(result.shown).toContain(`[2/2] ${files.script}`);
    expect(result.shown).toContain('Inputs changed: num_movies: 3 → 2');
    // On a terminal the removed word is red and struck through and the added one green, not git's plain marks.
    const colors = picocolors.createColors(true);
    expect(result.shown).toContain(colors.red(colors.strikethrough('quiet')));
    expect(result.shown).toContain(colors.green('loud'));
    expect(result.shown).not.toContain('[-quiet-]');
    expect(result.shown).toContain(`kept ${files.assets} as it is`);
    expect(result.shown).toContain(`reverted ${files.script} to version 1`);
    expect(result.shown).toContain('1 reverted, 1 kept');
    expect(currentData(dir, 'script_result')).toEqual({ combined_script: OLD_SCRIPT });
  });

  it('offers a pinned entry its candidate, and accepting it keeps the entry pinned', async () => {
    const dir = tempDir();
    const cache = testCache(dir);
    cache.save('script_result', US_HORROR, { combined_script: OLD_SCRIPT }, { producer: 'writer@1' });
    cache.pin(cache.fileName('script_result', US_HORROR));
    const refreshed = await cache.getOrCreate(
      'script_result',
      US_HORROR,
      () => Promise.resolve({ combined_script: NEW_SCRIPT }),
      {
        mode: 'refresh',
      },
    );
    expect(refreshed.pinned_candidate).toBeTruthy();
    await cache.close();
    const file = refreshed.file;
    const result = await reviewOnTerminal(dir, [
      // Matched on its start: the whole question is wider than the terminal, which wraps it.
      { question: `${file} is pinned: keep it`, keys: DOWN + ENTER },
    ]);
    expect(result.code, result.shown).toBe(0);
    expect(result.shown).toContain('Pinned; a run made candidate version 1');
    expect(result.shown).toContain(`accepted candidate version 1 of ${file}; it stays pinned`);
    expect(currentData(dir, 'script_result')).toEqual({ combined_script: NEW_SCRIPT });
    expect(testCache(dir).history(file).pinned).toBe(true);
  });

  it('stops on "stop reviewing" and leaves the rest as they are', async () => {
    const { dir, files } = await seedVersionedCache(tempDir());
    const result = await reviewOnTerminal(dir, [
      { question: `Keep the new version of ${files.assets}?`, keys: DOWN + DOWN + ENTER },
    ]);
    expect(result.code, result.shown).toBe(0);
    expect(result.shown).toContain('2 not reviewed (left as they are)');
    expect(currentData(dir, 'script_result')).toEqual({ combined_script: NEW_SCRIPT });
  });
});

describe('streamgank cache diff with ffprobe', () => {
  it("puts the media facts of both versions' posters side by side", async () => {
    const { dir, files } = await seedVersionedCache(tempDir());
    const result = await runCli(['--cache-dir', dir, 'cache', 'diff', files.assets], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('image/png: bytes changed');
    expect(result.stdout).toMatch(/size\s+120x180\s+90x135/);
    expect(result.stdout).toMatch(/codecs\s+png\s+png/);
    const diff = parseJsonOutput<EntryDiff>(
      await runCli(['--cache-dir', dir, 'cache', 'diff', files.assets, '--json'], { cwd: dir }),
    );
    expect(diff.blobs[0]?.before).toMatchObject({ width: 120, height: 180, codecs: ['png'] });
    expect(diff.blobs[0]?.after).toMatchObject({ width: 90, height: 135, codecs: ['png'] });
  });
});
