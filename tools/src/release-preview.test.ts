import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { PUBLISHED_PROJECTS, runCommand, workspaceRoot } from './test-support/workspace.js';

const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' };

function gitStatus(): string {
  return runCommand('git', ['status', '--porcelain'], workspaceRoot).stdout;
}

describe('nx release --dry-run, as CI runs it', () => {
  it('versions each published package from its commits and changes nothing', { timeout: 300_000 }, () => {
    const before = gitStatus();
    const result = runCommand('npx', ['nx', 'release', '--dry-run'], workspaceRoot, env);
    expect(result.status, result.stderr).toBe(0);
    // Nx colours its output when the test runner forces colour; the assertions read the plain text.
    const output = stripVTControlCharacters(result.stdout + result.stderr);

    for (const project of PUBLISHED_PROJECTS) {
      expect(output).toContain(`Running release version for project: ${project}\n`);
      // Releasable commits since the project's last tag (or ever, before its first release) give a
      // new version and a changelog entry; none give nx's "no changes" line for that project.
      const previewed = output.includes(`Previewing an entry in packages/${project}/CHANGELOG.md for ${project}@`);
      const unchanged = new RegExp(`^${project} .*No changes were detected`, 'm').test(output);
      expect(previewed || unchanged, `${project}: neither a changelog preview nor "no changes"`).toBe(true);
    }
    expect(output).not.toMatch(/Running release version for project: (tools|testing)\b/);
    expect(output).not.toMatch(/Creating (GitHub|GitLab) Release|Pushing to git remote/);
    expect(output).toContain('Skipped publishing packages.');
    expect(gitStatus()).toBe(before);
  });
});
