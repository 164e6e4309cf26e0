import { execFileSync, spawnSync } from 'node:child_process';

/** A tmpfs mounted for one test; `unmount()` in the test's cleanup. */
export interface MountedTmpfs {
  readonly dir: string;
  unmount(): void;
}

/**
 * What mounting needs to be prefixed with: nothing as root; `sudo -n` where sudo needs no password,
 * as for the non-root user of GitHub's hosted runners; undefined where this process cannot mount.
 */
function mountPrivilege(): string[] | undefined {
  if (process.getuid?.() === 0) return [];
  return spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0 ? ['sudo', '-n'] : undefined;
}

function runPrivileged(prefix: readonly string[], args: readonly string[]): void {
  const [command, ...rest] = [...prefix, ...args] as [string, ...string[]];
  execFileSync(command, rest, { stdio: 'ignore' });
}

/**
 * A tmpfs of `size` (mount's syntax: "128k") on the existing directory `dir`, owned by this
 * process's user so the test and its children write to it as themselves; undefined where mounting
 * is not allowed (neither root nor password-less sudo, or a container without mount permission).
 */
export function mountTmpfs(dir: string, size: string): MountedTmpfs | undefined {
  const prefix = mountPrivilege();
  const uid = process.getuid?.();
  const gid = process.getgid?.();
  if (!prefix || uid === undefined || gid === undefined) return undefined;
  try {
    runPrivileged(prefix, ['mount', '-t', 'tmpfs', '-o', `size=${size},mode=0755,uid=${uid},gid=${gid}`, 'tmpfs', dir]);
  } catch {
    return undefined;
  }
  return { dir, unmount: () => runPrivileged(prefix, ['umount', dir]) };
}
