import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packPublishedPackages, seedConsumerLockfile, type PackedPackage } from './test-support/tarball-consumer.js';
import { runCommand, workspaceRoot } from './test-support/workspace.js';

// What a user of the packages would not have: keys that switch to remote providers, a shared
// tier, a cache elsewhere. The run must use the embedded providers and the consumer's own folder.
const UNSET = [
  'OPENAI_API_KEY',
  'OPENAI_BASE_URL',
  'CLOUDINARY_URL',
  'STREAMGANK_REDIS_URL',
  'STREAMGANK_CACHE_DIR',
  'STREAMGANK_CACHE_MODE',
  'APP_ENV',
];
// npm and npx must not reach the registry: the test passes only from the cache `npm ci` filled.
const consumerEnv: NodeJS.ProcessEnv = {
  ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !UNSET.includes(name))),
  npm_config_offline: 'true',
  npm_config_audit: 'false',
  npm_config_fund: 'false',
  npm_config_update_notifier: 'false',
};

// The install scripts a consumer must allow (the FFmpeg and ffprobe binaries are made executable
// by them); the install runs with --strict-allow-scripts, so a new one fails here first.
const platform = `${process.platform}-${process.arch}`;
const ALLOWED_SCRIPTS = { [`@ffmpeg-installer/${platform}`]: true, [`@ffprobe-installer/${platform}`]: true };

const PACKAGE_NAMES = ['@streamgank/cache', '@streamgank/cli', '@streamgank/dashboard', '@streamgank/pipeline'];
const STEP_DATA_TYPES = [
  'assets',
  'catalog',
  'final_video',
  'narration_collection',
  'narration_videos',
  'script_result',
  'scroll_overlay',
];

interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  dependencies?: Record<string, string>;
}

function failure(what: string, result: { status: number | null; stdout: string; stderr: string }): string {
  return `${what} exited ${result.status}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`;
}

function runInConsumer(consumer: string, command: string, args: readonly string[]) {
  const result = runCommand(command, args, consumer, consumerEnv);
  expect(result.status, failure(`${command} ${args.join(' ')}`, result)).toBe(0);
  return result;
}

describe('the published packages, installed from their tarballs outside the workspace', () => {
  let root: string;
  let consumer: string;
  let packed: PackedPackage[] = [];

  beforeAll(() => {
    root = realpathSync(mkdtempSync(join(tmpdir(), 'streamgank-tarballs-')));
    consumer = join(root, 'consumer');
    mkdirSync(consumer);
    expect(relative(workspaceRoot, consumer).startsWith('..'), `${consumer} is inside the workspace`).toBe(true);
  });
  // The consumer holds FFmpeg binaries and a video: removing it can take a while on a busy machine.
  afterAll(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  }, 120_000);

  it('npm pack writes the four packages with their assets and no tests', { timeout: 120_000 }, () => {
    packed = packPublishedPackages(join(root, 'tarballs'));
    expect(packed.map((pkg) => pkg.name).sort()).toEqual(PACKAGE_NAMES);
    const filesOf = (name: string) => packed.find((pkg) => pkg.name === name)?.files ?? [];
    for (const { name, files } of packed) {
      expect(files, name).toEqual(
        expect.arrayContaining(['package.json', 'README.md', 'LICENSE', 'dist/index.js', 'dist/index.d.ts']),
      );
      expect(
        files.filter((file) => /\.test\.|test-support|test-fixtures|\.tsbuildinfo$/.test(file)),
        name,
      ).toEqual([]);
    }
    expect(filesOf('@streamgank/pipeline')).toEqual(
      expect.arrayContaining([
        'assets/fonts/DejaVuSans.ttf',
        'assets/fonts/DejaVuSans-Bold.ttf',
        'assets/fonts/LICENSE',
      ]),
    );
    expect(filesOf('@streamgank/pipeline').filter((file) => file.startsWith('data/catalog/')).length).toBeGreaterThan(
      0,
    );
    expect(filesOf('@streamgank/dashboard')).toEqual(expect.arrayContaining(['static/index.html', 'static/app.js']));
    expect(filesOf('@streamgank/cli')).toContain('bin/streamgank.js');
    // The bundle the bin runs (fast to start), beside the modules tsc built.
    expect(filesOf('@streamgank/cli')).toEqual(expect.arrayContaining(['dist-bundle/bin.js', 'dist-bundle/start.js']));
  });

  it('npm install --offline installs the tarballs into an empty directory', { timeout: 300_000 }, () => {
    const manifest = { name: 'streamgank-consumer', version: '1.0.0', private: true, allowScripts: ALLOWED_SCRIPTS };
    writeFileSync(join(consumer, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    seedConsumerLockfile(consumer, manifest.name);
    runInConsumer(consumer, 'npm', [
      'install',
      '--offline',
      '--strict-allow-scripts',
      ...packed.map((pkg) => pkg.filename),
    ]);

    const installed = new Map(
      PACKAGE_NAMES.map((name) => {
        const path = join(consumer, 'node_modules', name, 'package.json');
        return [name, JSON.parse(readFileSync(path, 'utf8')) as Manifest];
      }),
    );
    for (const [name, installedManifest] of installed) {
      expect(installedManifest.private, name).toBeUndefined();
      for (const [dependency, range] of Object.entries(installedManifest.dependencies ?? {})) {
        const sibling = installed.get(dependency);
        if (sibling) expect(range, `${name} → ${dependency}`).toBe(sibling.version);
      }
    }
  });

  it('npx streamgank run makes the video there', { timeout: 600_000 }, () => {
    const result = runInConsumer(consumer, 'npx', [
      'streamgank',
      'run',
      '--country',
      'US',
      '--genre',
      'Horror',
      '--platform',
      'Netflix',
    ]);
    expect(result.stdout).toMatch(/\[STEP 7\/7\] Final Assembly/);
    const video = join(consumer, 'videos', 'us_horror_netflix', 'us_horror_netflix.mp4');
    expect(result.stdout).toContain(video);

    // The consumer's own ffprobe: proves its install script ran, and needs nothing from the workspace.
    const ffprobe = (createRequire(join(consumer, 'package.json'))('@ffprobe-installer/ffprobe') as { path: string })
      .path;
    const probe = runInConsumer(consumer, ffprobe, [
      '-v',
      'error',
      '-show_entries',
      'format=format_name,duration:stream=codec_type,codec_name,width,height',
      '-of',
      'json',
      video,
    ]);
    const { format, streams } = JSON.parse(probe.stdout) as {
      format: { format_name: string; duration: string };
      streams: { codec_type: string; codec_name: string; width?: number; height?: number }[];
    };
    expect(format.format_name).toContain('mp4');
    expect(Number(format.duration)).toBeGreaterThan(10);
    expect(streams).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ codec_type: 'video', codec_name: 'h264', width: 1080, height: 1920 }),
        expect.objectContaining({ codec_type: 'audio', codec_name: 'aac' }),
      ]),
    );
  });

  it("import { createCache } from '@streamgank/cache' works in an ES module there", { timeout: 60_000 }, () => {
    writeFileSync(
      join(consumer, 'list-cache.mjs'),
      [
        "import { createCache } from '@streamgank/cache';",
        "const cache = createCache({ dir: 'test_output' });",
        'const listing = cache.list();',
        'console.log(JSON.stringify(listing.files.map((entry) => [entry.data_type, entry.status])));',
        'await cache.close();',
        '',
      ].join('\n'),
    );
    const result = runInConsumer(consumer, 'node', ['list-cache.mjs']);
    const entries = JSON.parse(result.stdout) as [string, string][];
    expect(entries.map(([dataType]) => dataType).sort()).toEqual(STEP_DATA_TYPES);
    expect(entries.every(([, status]) => status === 'ok')).toBe(true);
  });

  it('the installed dashboard serves its page and static files', { timeout: 60_000 }, () => {
    writeFileSync(
      join(consumer, 'fetch-dashboard.mjs'),
      [
        "import { startDashboard } from '@streamgank/dashboard';",
        "const dashboard = await startDashboard({ cacheDir: 'test_output', port: 0 });",
        'try {',
        '  const page = await fetch(dashboard.url);',
        "  const script = await fetch(new URL('static/app.js', dashboard.url));",
        '  console.log(JSON.stringify({ page: page.status, html: await page.text(), script: script.status }));',
        '} finally {',
        '  await dashboard.close();',
        '}',
        '',
      ].join('\n'),
    );
    const result = runInConsumer(consumer, 'node', ['fetch-dashboard.mjs']);
    const response = JSON.parse(result.stdout) as { page: number; html: string; script: number };
    expect(response).toMatchObject({ page: 200, script: 200 });
    expect(response.html).toContain('<title>StreamGank cache</title>');
  });
});
