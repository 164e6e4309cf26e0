import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EntryDiff, EntryHistory, EntryWhy, RemovalResult, ReplacedEntry } from '@streamgank/cache';
import { describe, expect, it } from 'vitest';
import { parseJsonOutput, runCli } from '../../../test-support/run-cli.js';
import { testCache, US_HORROR } from '../../../test-support/seed-cache.js';
import { seedVersionedCache, NEW_SCRIPT, OLD_SCRIPT } from '../../../test-support/versioned-cache.js';
import { tempDir } from '@streamgank/testing';

async function versioned() {
  const fixture = await seedVersionedCache(tempDir());
  const cli = (...args: string[]) => runCli(['--cache-dir', fixture.dir, 'cache', ...args], { cwd: fixture.dir });
  return { ...fixture, cli };
}

function currentScript(dir: string): string | undefined {
  const read = testCache(dir).load<{ combined_script: string }>('script_result', US_HORROR);
  return read.status === 'hit' ? read.data.combined_script : undefined;
}

describe('streamgank cache why', () => {
  it('says what an entry was made from, by whom, and its lineage as a tree', async () => {
    const { cli, files } = await versioned();
    const result = await cli('why', files.script);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`Entry:       ${files.script} (ok)`);
    expect(result.stdout).toContain('Parameters:  US / Horror / Netflix');
    expect(result.stdout).toContain('num_movies = 2');
    expect(result.stdout).toMatch(/Fingerprint: sha256:[0-9a-f]{64}/);
    expect(result.stdout).toContain('Produced:    by writer@2');
    expect(result.stdout).toMatch(/Made from:\n {2}└─ catalog_us_horror_netflix\.json \(catalog, sha256:[0-9a-f]+\)/);
    expect(result.stdout).toContain('Used by:     no other entry');
  });

  it('--json: the entry as the cache explains it, with the entries that depend on it', async () => {
    const { cli, files } = await versioned();
    const why = parseJsonOutput<EntryWhy>(await cli('why', files.catalog, '--json'));
    expect(why).toMatchObject({ file: files.catalog, data_type: 'catalog', pinned: false, upstream: [] });
    expect(why.dependents).toEqual([files.script]);
  });

  it('refuses what is not an entry name with exit 2 and one line, and an entry it does not hold', async () => {
    const { cli } = await versioned();
    const bad = await cli('why', '../etc/passwd');
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    const missing = await cli('why', 'assets_fr_horreur_netflix.json');
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('streamgank cache history', () => {
  it('lists the versions newest first, with producer, the current mark and what changed in the inputs', async () => {
    const { cli, files } = await versioned();
    const result = await cli('history', files.script);
    expect(result.code, result.stderr).toBe(0);
    const rows = result.stdout.split('\n').filter((line) => /^\s*\d+\s/.test(line));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/^\s*0\s.*writer@2.*current\s+num_movies: 3 → 2/);
    expect(rows[1]).toMatch(/^\s*1\s.*writer@1/);
    expect(result.stdout).toContain(`streamgank cache restore ${files.script} --version 1`);
    const history = parseJsonOutput<EntryHistory>(await cli('history', files.script, '--json'));
    expect(history.versions.map((version) => [version.version, version.current, version.producer])).toEqual([
      [0, true, 'writer@2'],
      [1, false, 'writer@1'],
    ]);
  });
});

describe('streamgank cache diff', () => {
  it('shows changed inputs and the words that changed, with plain marks off a terminal', async () => {
    const { cli, files } = await versioned();
    const result = await cli('diff', files.script);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Inputs changed: num_movies: 3 → 2');
    expect(result.stdout).toContain('~ combined_script:');
    expect(result.stdout).toContain('[-quiet-]{+loud+}');
    expect(result.stdout).toContain('[-knocking-]{+singing+}');
    expect(result.stdout).not.toContain('\u001b[');
  });

  it('--json: the data paths that changed, and blobs side by side with whether the bytes changed', async () => {
    const { cli, files, oldPoster, newPoster } = await versioned();
    const script = parseJsonOutput<EntryDiff>(await cli('diff', files.script, '--from', '1', '--to', '0', '--json'));
    expect(script.data.map((change) => [change.path, change.kind])).toEqual([['combined_script', 'changed']]);
    expect(script.data[0]).toMatchObject({ before: OLD_SCRIPT, after: NEW_SCRIPT });
    const assets = parseJsonOutput<EntryDiff>(await cli('diff', files.assets, '--json'));
    expect(assets.blobs).toHaveLength(1);
    expect(assets.blobs[0]).toMatchObject({
      bytes_changed: true,
      before: { sha256: oldPoster.sha256, media_type: 'image/png' },
      after: { sha256: newPoster.sha256, media_type: 'image/png' },
    });
  });

  it('says when two versions are the same, and refuses a version it does not have (exit 2)', async () => {
    const { cli, files } = await versioned();
    const same = await cli('diff', files.script, '--from', '0', '--to', '0');
    expect(same.stdout).toContain('The two versions hold the same data and the same media.');
    const missing = await cli('diff', files.script, '--from', '7');
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    const word = await cli('diff', files.script, '--from', 'one');
    expect(word.code).toBe(2);
    expect(word.stderr).toContain('Use a version number');
  });
});

describe('streamgank cache restore', () => {
  it('makes an older version current (the current one goes to the history), --version after the command', async () => {
    const { cli, dir, files } = await versioned();
    const result = await cli('restore', files.script, '--version', '1');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`Restored version 1 of ${files.script}`);
    expect(currentScript(dir)).toBe(OLD_SCRIPT);
    const history = parseJsonOutput<EntryHistory>(await cli('history', files.script, '--json'));
    expect(history.versions.map((version) => version.producer)).toEqual(['writer@1', 'writer@2']);
    const missing = await cli('restore', files.script, '--version', '9');
    expect(missing.code).toBe(2);
    const without = await cli('restore', files.script);
    expect(without.code).toBe(2);
    expect(without.stderr).toContain('--version');
  });
});

describe('streamgank cache pin, unpin, and what clear, prune, list and stats make of pins', () => {
  it('keeps a pinned entry through clear and prune, says so, and removes it with --include-pinned', async () => {
    const { cli, dir, files } = await versioned();
    const pinned = await cli('pin', files.script);
    expect(pinned.code, pinned.stderr).toBe(0);
    expect(pinned.stdout).toContain(`Pinned ${files.script}`);
    expect((await cli('pin', files.script)).stdout).toContain('was already pinned');

    const list = await cli('list');
    expect(list.stdout).toMatch(new RegExp(`${files.script}.*\\bok\\s+pinned`));
    expect(list.stdout).toMatch(new RegExp(`${files.assets}.*\\bok\\s+-`));
    const stats = await cli('stats');
    expect(stats.stdout).toContain('Pinned: 1 entry');
    expect(stats.stdout).toMatch(/History: 2 kept versions of replaced entries, \d/);

    const clear = await cli('clear', '--yes');
    expect(clear.code, clear.stderr).toBe(0);
    expect(clear.stdout).toContain(`  skipped ${files.script} (pinned)`);
    expect(clear.stdout).toContain('Skipped 1 pinned entry: pass --include-pinned');
    const prune = parseJsonOutput<RemovalResult>(await cli('prune', '--max-size', '1B', '--json'));
    expect(prune.skipped_pinned).toEqual([files.script]);
    expect(readdirSync(dir).filter((name) => name.endsWith('.json'))).toEqual([files.script]);

    const unpinned = parseJsonOutput(await cli('unpin', files.script, '--json'));
    expect(unpinned).toEqual({ file: files.script, pinned: false, changed: true });
    await cli('pin', files.script);
    const all = await cli('clear', '--yes', '--include-pinned');
    expect(all.stdout).toContain(`  ${files.script}`);
    expect(readdirSync(dir).filter((name) => name.endsWith('.json'))).toEqual([]);
  });
});

describe('streamgank cache review without a terminal', () => {
  it('needs --json, --revert-all or --keep-all (exit 2, one line)', async () => {
    const { cli } = await versioned();
    const result = await cli('review');
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('pass --json to list the replaced entries, --revert-all');
  });

  it('--json lists the entries replaced since then, newest first', async () => {
    const { cli, files } = await versioned();
    const listed = parseJsonOutput<{ entries: ReplacedEntry[] }>(await cli('review', '--since', '2h', '--json'));
    expect(listed.entries.map((entry) => entry.file)).toEqual([files.assets, files.script]);
    expect(listed.entries[1]?.previous?.producer).toBe('writer@1');
    const past = parseJsonOutput<{ entries: ReplacedEntry[] }>(
      await cli('review', '--since', new Date(Date.now() + 60_000).toISOString(), '--json'),
    );
    expect(past.entries).toEqual([]);
  });

  it('--revert-all brings back the previous versions, except of pinned entries; --keep-all changes nothing', async () => {
    const { cli, dir, files } = await versioned();
    const kept = await cli('review', '--keep-all');
    expect(kept.code, kept.stderr).toBe(0);
    expect(kept.stdout).toContain('2 kept');
    expect(currentScript(dir)).toBe(NEW_SCRIPT);

    await cli('pin', files.assets);
    const reverted = await cli('review', '--revert-all');
    expect(reverted.code, reverted.stderr).toBe(0);
    expect(reverted.stdout).toContain(`reverted ${files.script} to version 1`);
    expect(reverted.stdout).toContain(`kept ${files.assets} as it is`);
    expect(reverted.stdout).toContain('pinned: --revert-all leaves pinned entries as they are');
    expect(reverted.stdout).toContain('1 reverted, 1 kept');
    expect(currentScript(dir)).toBe(OLD_SCRIPT);
  });

  it('refuses a --since it cannot read, and both bulk flags at once (exit 2)', async () => {
    const { cli } = await versioned();
    for (const args of [
      ['--since', 'yesterday'],
      ['--keep-all', '--revert-all'],
    ]) {
      const result = await cli('review', ...args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});

describe('streamgank cache verify and export with secrets on disk', () => {
  const TOKEN = 'sk-proj-' + 'Q7x9K2mPz4Lw8Rt3Vb6Nc1Hd5Fg0Js'.repeat(2);

  it('reports a legacy file holding a key, redacts it with --fix, and export leaves it out until then', async () => {
    const dir = tempDir();
    const file = 'script_result_us_comedy_netflix.json';
    writeFileSync(
      join(dir, file),
      JSON.stringify({
        data: { note: `made with ${TOKEN}` },
        metadata: {
          data_type: 'script_result',
          parameters: { country: 'US', genre: 'Comedy', platform: 'Netflix' },
          saved_timestamp: 1704649200,
          saved_datetime: '2024-01-07 15:30:00',
        },
      }),
    );
    const cli = (...args: string[]) => runCli(['--cache-dir', dir, 'cache', ...args], { cwd: dir });
    const exported = await cli('export', join(tempDir(), 'b.tar.gz'));
    expect(exported.stdout).toContain(`  left out ${file}:`);
    expect(exported.stdout).not.toContain(TOKEN);

    const verify = await cli('verify');
    expect(verify.code).toBe(1);
    expect(verify.stdout).toMatch(new RegExp(`${file} holds a secret at \\S+ \\(openai`));
    expect(verify.stdout).toContain("'streamgank cache verify --fix' takes them out");
    expect(verify.stdout).not.toContain(TOKEN);

    const fixed = await cli('verify', '--fix');
    expect(fixed.code, fixed.stdout + fixed.stderr).toBe(0);
    expect(fixed.stdout).toContain('(redacted)');
    expect((await cli('verify')).stdout).toContain('The cache is healthy.');
  });
});
