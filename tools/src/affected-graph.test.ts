import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const workspace = join(import.meta.dirname, '..', '..');

function affectedBy(file: string): string[] {
  const output = execFileSync('npx', ['nx', 'show', 'projects', '--affected', `--files=${file}`, '--json'], {
    cwd: workspace,
    encoding: 'utf8',
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
  });
  return (JSON.parse(output) as string[]).filter((project) => project !== 'tools').sort();
}

describe('the project graph that affected-only CI relies on', () => {
  it('a change in packages/dashboard affects dashboard and cli, not cache or pipeline', { timeout: 120_000 }, () => {
    expect(affectedBy('packages/dashboard/src/index.ts')).toEqual(['cli', 'dashboard']);
  });

  it('a change in packages/pipeline affects pipeline and cli', { timeout: 120_000 }, () => {
    expect(affectedBy('packages/pipeline/src/index.ts')).toEqual(['cli', 'pipeline']);
  });

  it('a change in packages/cache affects all four packages', { timeout: 120_000 }, () => {
    expect(affectedBy('packages/cache/src/index.ts')).toEqual(['cache', 'cli', 'dashboard', 'pipeline']);
  });

  it('a change in packages/cli affects only cli', { timeout: 120_000 }, () => {
    expect(affectedBy('packages/cli/src/index.ts')).toEqual(['cli']);
  });
});
