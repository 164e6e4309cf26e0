import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../test-support/run-cli.js';
import { tempDir } from '@streamgank/testing';

const US_HORROR = ['--country', 'US', '--genre', 'Horror', '--platform', 'Netflix'];

/** A working directory whose "FFmpeg" always fails: runs stop at step 3, after the two cheap steps. */
function stopsAtAssets(): { cwd: string; env: Record<string, string> } {
  const cwd = tempDir();
  const failing = join(cwd, 'failing-ffmpeg.sh');
  writeFileSync(failing, '#!/bin/sh\nexit 1\n', { mode: 0o755 });
  return { cwd, env: { FFMPEG_PATH: failing, FFPROBE_PATH: failing, STREAMGANK_SCRIPT_PROVIDER: 'embedded' } };
}

describe("the cache's own messages during a run", () => {
  it('a stale entry is told once, by the run\'s 🔄 line; the cache\'s "producing it again" only with --verbose', async () => {
    const { cwd, env } = stopsAtAssets();
    const first = await runCli(['run', ...US_HORROR], { cwd, env });
    expect(first.stdout).toContain('💾 Saved catalog test data');

    // Two movies instead of three: the cached catalog and scripts are stale.
    const plain = await runCli(['run', ...US_HORROR, '--num-movies', '2'], { cwd, env });
    expect(plain.code).toBe(1);
    expect(plain.stdout).toContain('🔄 Cached catalog data in test_output is stale (num_movies: 3 → 2)');
    expect(plain.stdout + plain.stderr).not.toContain('producing it again');
    expect(plain.stderr).not.toContain('streamgank cache:');

    const verbose = await runCli(['--verbose', 'run', ...US_HORROR, '--num-movies', '3'], { cwd, env });
    expect(verbose.code).toBe(1);
    expect(verbose.stdout).toContain('🔄 Cached catalog data in test_output is stale (num_movies: 2 → 3)');
    expect(verbose.stderr).toContain(
      'streamgank cache: catalog_us_horror_netflix.json is stale (num_movies: 2 → 3); producing it again.',
    );
  });
});
