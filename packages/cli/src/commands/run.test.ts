import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../test-support/run-cli.js';
import { tempDir } from '@streamgank/testing';

const US_HORROR = ['--country', 'US', '--genre', 'Horror', '--platform', 'Netflix'];

/** The last line on stderr: the one-line error. */
const errorLine = (stderr: string) => stderr.trim().split('\n').at(-1) ?? '';

describe('streamgank run: bad input is exit 2 with one line naming it and what is accepted', () => {
  it('refuses an unknown genre, listing the genres there are', async () => {
    const dir = tempDir();
    const result = await runCli(
      ['--cache-dir', dir, 'run', '--country', 'US', '--genre', 'Horrror', '--platform', 'Netflix'],
      { cwd: dir },
    );
    expect(result.code).toBe(2);
    expect(errorLine(result.stderr)).toMatch(
      /^streamgank: error: Unknown genre "Horrror" for US\. Available genres: .*Horror.*--genre/,
    );
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses an unknown country and an unknown platform', async () => {
    const dir = tempDir();
    const country = await runCli(
      ['--cache-dir', dir, 'run', '--country', 'Atlantis', '--genre', 'Horror', '--platform', 'Netflix'],
      { cwd: dir },
    );
    expect(country.code).toBe(2);
    expect(errorLine(country.stderr)).toMatch(
      /^streamgank: error: Unknown country "Atlantis"\. Available countries: .*US/,
    );
    const platform = await runCli(
      ['--cache-dir', dir, 'run', '--country', 'US', '--genre', 'Horror', '--platform', 'Betamax'],
      { cwd: dir },
    );
    expect(platform.code).toBe(2);
    expect(errorLine(platform.stderr)).toMatch(
      /^streamgank: error: Unknown platform "Betamax" in US\. Available platforms: .*Netflix/,
    );
  });

  it.each(['0', '-1', '2.5', 'three'])('refuses --num-movies %s', async (count) => {
    const dir = tempDir();
    const result = await runCli(['--cache-dir', dir, 'run', ...US_HORROR, '--num-movies', count], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `streamgank: error: option '--num-movies <n>' argument '${count}' is invalid. Use a whole number of at least 1, e.g. 3 (see 'streamgank run --help').\n`,
    );
  });

  it('refuses a language it cannot speak, from --language or STREAMGANK_LANGUAGE, listing the ones it can', async () => {
    const dir = tempDir();
    const flag = await runCli(['--cache-dir', dir, 'run', ...US_HORROR, '--language', 'klingon'], { cwd: dir });
    expect(flag.code).toBe(2);
    expect(errorLine(flag.stderr)).toMatch(
      /^streamgank: error: Unknown language "klingon"\. Supported languages: en, fr, de .*--language/,
    );
    const env = await runCli(['--cache-dir', dir, 'run', ...US_HORROR], {
      cwd: dir,
      env: { STREAMGANK_LANGUAGE: 'latin' },
    });
    expect(env.code).toBe(2);
    expect(errorLine(env.stderr)).toContain('Unknown language "latin"');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses a voice name that is not one, naming --voice', async () => {
    const dir = tempDir();
    const result = await runCli(['--cache-dir', dir, 'run', ...US_HORROR, '--voice', 'f2; rm -rf ~'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(errorLine(result.stderr)).toMatch(/^streamgank: error: --voice: expected a voice name/);
  });

  it('refuses an unknown cache mode, listing the modes', async () => {
    const dir = tempDir();
    const result = await runCli(['--cache-dir', dir, 'run', ...US_HORROR, '--cache-mode', 'sometimes'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'streamgank: error: Unknown cache mode "sometimes" (from --cache-mode): use one of readwrite, readonly, refresh, off.\n',
    );
  });

  it('refuses an unknown --refresh name, listing the data types of the steps', async () => {
    const dir = tempDir();
    const result = await runCli(['--cache-dir', dir, 'run', ...US_HORROR, '--refresh', 'posters'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(errorLine(result.stderr)).toMatch(
      /^streamgank: error: --refresh "posters" is not a step's data type: use .*script_result \(or scripts\).*assets.* or all\.$/,
    );
  });

  it('refuses a malformed key from .env, naming it and the file but never showing it', async () => {
    const cwd = tempDir();
    const secret = 'pa55word-that-must-not-show';
    writeFileSync(join(cwd, '.env'), `CLOUDINARY_URL=https://key:${secret}@cloud\n`);
    const result = await runCli(['run', ...US_HORROR], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `streamgank: error: CLOUDINARY_URL (from ${join(cwd, '.env')}) is not valid: expected cloudinary://<api_key>:<api_secret>@<cloud_name>.\n`,
    );
    expect(result.stdout + result.stderr).not.toContain(secret);
    expect(readdirSync(cwd)).toEqual(['.env']);
  });
});

describe('streamgank run --cache-mode readonly', () => {
  it('exits 3 on a miss, naming the entry and the command that fills it', async () => {
    const dir = tempDir();
    const result = await runCli(
      [
        '--cache-dir',
        dir,
        'run',
        '--country',
        'US',
        '--genre',
        'Horror',
        '--platform',
        'Netflix',
        '--cache-mode',
        'readonly',
      ],
      { cwd: dir },
    );
    expect(result.code).toBe(3);
    const line = errorLine(result.stderr);
    expect(line).toMatch(
      /^streamgank: error: No usable cached \w+ for US\/Horror\/Netflix \(.*_us_horror_netflix\.json: /,
    );
    expect(line).toContain('The cache is in readonly mode, so nothing was produced.');
    expect(
      line.endsWith(`Fill it with: streamgank --cache-dir ${dir} run --country US --genre Horror --platform Netflix`),
    ).toBe(true);
  });

  it('quotes what a shell would split in the command that fills it', async () => {
    const cwd = tempDir();
    const result = await runCli(
      [
        'run',
        '--country',
        'FR',
        '--genre',
        'Action & Aventure',
        '--platform',
        'Netflix',
        '--num-movies',
        '2',
        '--language',
        'de',
        '--voice',
        'f2',
        '--cache-mode',
        'readonly',
      ],
      {
        cwd,
      },
    );
    expect(result.code).toBe(3);
    expect(errorLine(result.stderr)).toMatch(
      /Fill it with: streamgank run --country FR --genre 'Action & Aventure' --platform Netflix --num-movies 2 --language de --voice f2$/,
    );
  });
});
