import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { Output } from '../output.js';
import { RunProgress } from './run-progress.js';

/** A stream that records what is written to it, as a terminal (`isTTY`) or as a pipe. */
function recorder(isTTY: boolean, columns = 120) {
  const stream = Object.assign(new PassThrough(), { isTTY, columns }) as unknown as NodeJS.WriteStream & {
    text(): string;
  };
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
  stream.text = () => text;
  return stream;
}

const ASSETS = { number: 3, total: 7, name: 'Asset Preparation' };

function progressOn(isTTY: boolean, options: { json?: boolean; quiet?: boolean } = {}, columns = 120) {
  const stdout = recorder(false);
  const stderr = recorder(isTTY, columns);
  const progress = new RunProgress(new Output(options, stdout, stderr), stderr);
  return { progress, stdout, stderr };
}

describe('RunProgress', () => {
  it('draws a bar in place on a terminal, clears it for step lines and redraws it after', () => {
    const { progress, stdout, stderr } = progressOn(true);
    progress.progress(ASSETS, 0.5, 'poster 2: Train to Busan');
    const bar = '   [############------------]  50% Asset Preparation (step 3/7): poster 2: Train to Busan';
    expect(stderr.text()).toBe(`\r\x1b[2K${bar}`);
    progress.line('   🔄 No cached assets found, generating new assets...');
    expect(stdout.text()).toBe('   🔄 No cached assets found, generating new assets...\n');
    expect(stderr.text()).toBe(`\r\x1b[2K${bar}\r\x1b[2K\r\x1b[2K${bar}`);
    progress.progress(ASSETS, 1);
    expect(stderr.text().endsWith('\r\x1b[2K')).toBe(true);
  });

  it('cuts the bar to the terminal width, so that it never wraps', () => {
    const { progress, stderr } = progressOn(true, {}, 40);
    progress.progress(ASSETS, 0.25, 'a long note that cannot fit');
    expect(stderr.text()).toBe('\r\x1b[2K   [######------------------]  25% Asse');
  });

  it('assumes 80 columns on a terminal that reports none', () => {
    const { progress, stderr } = progressOn(true, {}, 0);
    progress.progress(ASSETS, 0.5, 'poster 2: Train to Busan');
    expect(stderr.text()).toBe(
      '\r\x1b[2K   [############------------]  50% Asset Preparation (step 3/7): poster 2: Trai',
    );
  });

  it('prints a plain line at 25, 50 and 75% when stderr is not a terminal, and none for quick steps', () => {
    const { progress, stderr } = progressOn(false);
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

  it('sends step lines to stderr under --json, and shows nothing under --quiet', () => {
    const json = progressOn(false, { json: true });
    json.progress.line('[STEP 1/7] Catalog Query - 0.0 seconds');
    expect(json.stdout.text()).toBe('');
    expect(json.stderr.text()).toBe('[STEP 1/7] Catalog Query - 0.0 seconds\n');

    const quiet = progressOn(true, { quiet: true });
    quiet.progress.line('[STEP 1/7] Catalog Query - 0.0 seconds');
    quiet.progress.progress(ASSETS, 0.5);
    expect(quiet.stdout.text() + quiet.stderr.text()).toBe('');
  });
});
