import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PUBLISHED_PROJECTS, runCommand, workspaceRoot } from './workspace.js';

export interface PackedPackage {
  readonly name: string;
  readonly version: string;
  readonly filename: string;
  readonly files: readonly string[];
}

/** `npm pack` of the published workspaces, as npm reports them (`--json`). */
export function packPublishedPackages(destination: string): PackedPackage[] {
  mkdirSync(destination, { recursive: true });
  const workspaces = PUBLISHED_PROJECTS.flatMap((project) => ['--workspace', `packages/${project}`]);
  const result = runCommand('npm', ['pack', '--json', '--pack-destination', destination, ...workspaces], workspaceRoot);
  if (result.status !== 0) throw new Error(`npm pack failed:\n${result.stderr}`);
  const reports = JSON.parse(result.stdout) as {
    name: string;
    version: string;
    filename: string;
    files: { path: string }[];
  }[];
  return reports.map((report) => ({
    name: report.name,
    version: report.version,
    filename: join(destination, report.filename),
    files: report.files.map((file) => file.path),
  }));
}

interface LockEntry {
  readonly link?: boolean;
  readonly dev?: boolean;
  readonly [field: string]: unknown;
}

interface Lockfile {
  readonly packages: Record<string, LockEntry>;
}

/**
 * Seeds `consumerDir/package-lock.json` with the registry packages of the workspace's lockfile.
 *
 * `npm install` resolves a dependency missing from the lockfile from the registry's full metadata,
 * which `npm ci` never fetches, so offline it fails with ENOTCACHED even though every tarball is
 * cached. Given these exact versions, npm keeps them (they are what `npm ci` installed and cached),
 * drops the ones the tarballs do not need, and installs from its cache alone.
 */
export function seedConsumerLockfile(consumerDir: string, consumerName: string): void {
  const workspaceLock = JSON.parse(readFileSync(join(workspaceRoot, 'package-lock.json'), 'utf8')) as Lockfile;
  const locate = consumerLocation(publishedFolders());
  const packages: Record<string, LockEntry> = { '': { name: consumerName, version: '1.0.0' } };
  for (const [location, entry] of Object.entries(workspaceLock.packages)) {
    const target = entry.link || entry.dev ? undefined : locate(location);
    if (target) packages[target] = entry;
  }
  const lockfile = { name: consumerName, version: '1.0.0', lockfileVersion: 3, requires: true, packages };
  writeFileSync(join(consumerDir, 'package-lock.json'), `${JSON.stringify(lockfile, null, 2)}\n`);
}

/** Each published workspace's folder in the workspace, and where npm installs it in a consumer. */
function publishedFolders(): Map<string, string> {
  return new Map(
    PUBLISHED_PROJECTS.map((project) => {
      const folder = `packages/${project}`;
      const { name } = JSON.parse(readFileSync(join(workspaceRoot, folder, 'package.json'), 'utf8')) as {
        name: string;
      };
      return [`${folder}/`, `node_modules/${name}/`];
    }),
  );
}

/**
 * Where a registry package of the workspace's lockfile sits in the consumer: hoisted ones stay,
 * ones nested in a published workspace move under its installed folder, the rest (the workspace
 * packages themselves, private workspaces' own copies) are left out.
 */
function consumerLocation(folders: Map<string, string>): (location: string) => string | undefined {
  return (location) => {
    for (const [workspaceFolder, installedFolder] of folders) {
      if (location.startsWith(`${workspaceFolder}node_modules/`)) {
        return installedFolder + location.slice(workspaceFolder.length);
      }
    }
    if (location.startsWith('node_modules/@streamgank/')) return undefined;
    return location.startsWith('node_modules/') ? location : undefined;
  };
}
