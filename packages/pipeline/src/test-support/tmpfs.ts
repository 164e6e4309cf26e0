import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemRequirement } from '@streamgank/testing';

/** Whether this process may mount a tmpfs (root), as the cross-device tests need; skipping says why. */
export function tmpfsRequirement(): { skip: boolean } {
  return systemRequirement(
    'mounting a tmpfs (a second file system)',
    process.getuid?.() === 0,
    'run the tests as root, as CI does',
  );
}

/** A fresh tmpfs: a file system of its own, so renaming from it to the disk fails with EXDEV. */
export function mountTmpfs(): { readonly path: string; unmount(): void } {
  const path = mkdtempSync(join(tmpdir(), 'streamgank-tmpfs-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256m', 'tmpfs', path]);
  return {
    path,
    unmount: () => {
      execFileSync('umount', [path]);
      rmSync(path, { recursive: true, force: true });
    },
  };
}
