import { PassThrough } from 'node:stream';
import xterm from '@xterm/headless';
import { describe, expect, it } from 'vitest';
import { Output } from '../output.js';
import { RunProgress } from './run-progress.js';

/**
 * A real terminal emulator (xterm.js) that stdout and stderr both write to, as they do in a shell:
 * the tests read what a person would see on screen, not the escape codes that drew it.
 */
function terminal(columns: number, reportedColumns = columns) {
  const screen = new xterm.Terminal({ cols: columns, rows: 12, convertEol: true, allowProposedApi: true });
  const stream = (isTTY: boolean) => {
    const writable = Object.assign(new PassThrough(), { isTTY, columns: reportedColumns });
    writable.on('data', (chunk: Buffer) => screen.write(chunk));
    return writable as unknown as NodeJS.WriteStream;
  };
  /** The screen's lines, without the empty ones at the bottom. */
  const lines = async (): Promise<string[]> => {
    await new Promise<void>((resolve) => screen.write('', resolve));
    const buffer = screen.buffer.active;
    const shown = Array.from({ length: buffer.length }, (_, row) => buffer.getLine(row)?.translateToString(true) ?? '');
    while (shown.length > 0 && shown.at(-1) === '') shown.pop();
    return shown;
  };
  return { stdout: stream(false), stderr: stream(true), lines, write: (text: string) => screen.write(text) };
}

/** A stream that records what is written to it, as a pipe. */
function recorder() {
  const stream = Object.assign(new PassThrough(), { isTTY: false }) as unknown as NodeJS.WriteStream & {
    text(): string;
  };
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
  stream.text = () => text;
  return stream;
}

const ASSETS = { number: 3, total: 7, name: 'Asset Preparation' };

function onTerminal(columns = 120, options: { json?: boolean; quiet?: boolean } = {}, reportedColumns = columns) {
  const screen = terminal(columns, reportedColumns);
  const progress = new RunProgress(new Output(options, screen.stdout, screen.stderr), screen.stderr);
  return { progress, ...screen };
}

describe('RunProgress on a terminal', () => {
  it('draws a bar in place, puts it aside for step lines, redraws it under them and clears it at the end', async () => {
    const { progress, lines } = onTerminal();
    progress.progress(ASSETS, 0.5, 'poster 2: Train to Busan');
    const bar = '   [############------------]  50% Asset Preparation (step 3/7): poster 2: Train to Busan';
    expect(await lines()).toEqual([bar]);
    progress.line('   🔄 No cached assets found, generating new assets...');
    expect(await lines()).toEqual(['   🔄 No cached assets found, generating new assets...', bar]);
    progress.progress(ASSETS, 0.75, 'poster 3: The Host');
    await expect
      .poll(lines)
      .toEqual([
        '   🔄 No cached assets found, generating new assets...',
        '   [##################------]  75% Asset Preparation (step 3/7): poster 3: The Host',
      ]);
    progress.progress(ASSETS, 1);
    expect(await lines()).toEqual(['   🔄 No cached assets found, generating new assets...']);
  });

  it('cuts the bar at the edge of the terminal, wide characters included, so that it never wraps', async () => {
    const { progress, lines, write } = onTerminal(40);
    progress.progress(ASSETS, 0.25, 'clip 1');
    expect(await lines()).toEqual(['   [######------------------]  25% As…']);
    progress.progress({ number: 3, total: 7, name: '부산행' }, 0.5, '부산행 '.repeat(10));
    await expect.poll(lines).toEqual(['   [############------------]  50% 부…']);
    progress.finish();
    // The terminal wraps long lines again once the bar is gone.
    write('x'.repeat(50));
    expect(await lines()).toEqual(['x'.repeat(40), 'x'.repeat(10)]);
  });

  it('also draws one line on a terminal that reports no width', async () => {
    const { progress, lines } = onTerminal(80, {}, 0);
    progress.progress(ASSETS, 0.5, `poster 2: ${'Train to Busan '.repeat(6)}`);
    const shown = await lines();
    // cli-progress takes such a terminal to be 80 columns wide.
    expect(shown).toEqual(['   [############------------]  50% Asset Preparation (step 3/7): poster 2: Tr…']);
    progress.finish();
  });

  it('shows nothing under --quiet', async () => {
    const { progress, lines } = onTerminal(120, { quiet: true });
    progress.line('[STEP 1/7] Catalog Query - 0.0 seconds');
    progress.progress(ASSETS, 0.5);
    expect(await lines()).toEqual([]);
  });
});

describe('RunProgress off a terminal', () => {
  it('prints a plain line at 25, 50 and 75% when stderr is not a terminal, and none for quick steps', () => {
    const stderr = recorder();
    const progress = new RunProgress(new Output({}, recorder(), stderr), stderr);
    progress.progress({ number: 1, total: 7, name: 'Catalog Query' }, 0);
    progress.progress({ number: 1, total: 7, name: 'Catalog Query' }, 1);
    for (const fraction of [0, 0.1, 0.3, 0.35, 0.5, 0.6, 0.8, 0.9, 1])
      progress.progress(ASSETS, fraction, `at ${fraction}`);
    expect(stderr.text().split('\n').filter(Boolean)).toEqual([
      '   ... 30% Asset Preparation (step 3/7): at 0.3',
      '   ... 50% Asset Preparation (step 3/7): at 0.5',
      '   ... 80% Asset Preparation (step 3/7): at 0.8',
    ]);
  });

  it('sends step lines to stderr under --json', () => {
    const stdout = recorder();
    const stderr = recorder();
    const progress = new RunProgress(new Output({ json: true }, stdout, stderr), stderr);
    progress.line('[STEP 1/7] Catalog Query - 0.0 seconds');
    expect(stdout.text()).toBe('');
    expect(stderr.text()).toBe('[STEP 1/7] Catalog Query - 0.0 seconds\n');
  });
});
