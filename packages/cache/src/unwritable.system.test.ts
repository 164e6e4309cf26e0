import { chmodSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, exitOf, spawnChild } from './test-support/children.js';
import { mountTmpfs, systemRequirement, tempDir, type MountedTmpfs } from '@streamgank/testing';

const isRoot = process.getuid?.() === 0;
const NOBODY = 65534;

interface WorkerReport {
  scriptLength: number;
  firstSaved: boolean;
  secondSaved: boolean;
  seedPath: string;
  warnings: string[];
  restored: string;
}

async function runWorker(dir: string, asNobody: boolean): Promise<WorkerReport> {
  // The worker's own files go in a directory of the test's that the worker may write, not in the
  // shared temp dir (which may not be writable for nobody, and would keep them).
  const work = tempDir();
  chmodSync(work, 0o777);
  const asUser = asNobody ? { uid: NOBODY, gid: NOBODY } : {};
  const result = await exitOf(spawnChild('unwritable-worker.mjs', [dir, work], asUser));
  expect(result, result.stderr).toMatchObject({ code: 0 });
  const report = JSON.parse(result.stdout) as WorkerReport;
  expect(readFileSync(report.restored).length).toBe(300_000);
  return report;
}

function expectCarriedOn(report: WorkerReport, code: string) {
  expect(report).toMatchObject({ scriptLength: 200_000, firstSaved: false, secondSaved: false, seedPath: '' });
  expect(report.warnings).toHaveLength(1);
  expect(report.warnings[0]).toContain(code);
  expect(report.warnings[0]).toMatch(/carrying on without saving/);
}

describe('a cache that cannot be written', () => {
  beforeAll(assertBuilt);
  const mounts: MountedTmpfs[] = [];
  afterEach(() => {
    while (mounts.length > 0) mounts.pop()?.unmount();
  });

  it('warns once and lets the caller carry on when the directory is read-only', { timeout: 60_000 }, async () => {
    const root = tempDir();
    chmodSync(root, 0o755);
    const dir = join(root, 'cache');
    mkdirSync(dir);
    chmodSync(dir, 0o555);
    // Root ignores permissions, so as root the worker runs as nobody.
    const report = await runWorker(dir, isRoot);
    expectCarriedOn(report, 'EACCES');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('warns once and lets the caller carry on when the disk is full', { timeout: 60_000 }, async (context) => {
    const dir = join(tempDir(), 'cache');
    mkdirSync(dir);
    const tmpfs = mountTmpfs(dir, '128k');
    if (tmpfs) mounts.push(tmpfs);
    const howToGet = 'mounting one needs root or sudo without a password, and mount permission';
    if (systemRequirement('a small tmpfs to fill', tmpfs !== undefined, howToGet).skip) return context.skip();
    writeFileSync(join(dir, 'ballast'), Buffer.alloc(100 * 1024));
    const report = await runWorker(dir, false);
    expectCarriedOn(report, 'ENOSPC');
    const everything = readdirSync(dir, { recursive: true }).map(String);
    expect(everything.filter((name) => name.endsWith('.json') && !name.includes('/'))).toEqual([]);
    expect(everything.filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});
