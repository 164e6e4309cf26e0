import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { list } from 'tar';
import { describe, expect, it } from 'vitest';
import { createCache, silentLogger, type Cache } from '../index.js';
import { InvalidBundleError, exportBundle, importBundle } from '../bundles.js';
import { randomFile } from '../test-support/shared-tier.js';
import { writeRawTarGz, type RawMember } from '../test-support/tar-builder.js';
import { tempDir } from '@streamgank/testing';

const us = (genre: string) => ({ country: 'US', genre, platform: 'Netflix' });
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

function cacheAt(dir: string): Cache {
  return createCache({ dir, logger: silentLogger, env: {} });
}

/** A genuine bundle of two assets entries (each with a blob of its own), and its members' bytes. */
async function genuineBundle() {
  const source = cacheAt(tempDir());
  const entries: Record<string, string> = {};
  for (const genre of ['Horror', 'Comedy']) {
    const clip = randomFile(genre === 'Horror' ? 3000 : 400_000);
    const result = await source.getOrCreate('assets', us(genre), async (ctx) => ({
      clip: (await ctx.putBlob(clip.path, 'video/mp4')).sha256,
    }));
    entries[genre] = result.data.clip;
  }
  const file = join(tempDir(), 'genuine.tar.gz');
  await exportBundle(source, file);
  const members = new Map<string, Buffer>();
  await list({
    file,
    onReadEntry: (entry) => {
      const chunks: Buffer[] = [];
      entry.on('data', (chunk: Buffer) => chunks.push(chunk));
      entry.on('end', () => members.set(entry.path, Buffer.concat(chunks)));
    },
  });
  return { file, members, horrorBlob: entries['Horror'] as string, comedyBlob: entries['Comedy'] as string };
}

/** The cache inside a sandbox directory, so that anything written beside it would be seen. */
function sandboxedCache() {
  const sandbox = tempDir('streamgank-sandbox-');
  const dir = join(sandbox, 'cache');
  mkdirSync(dir);
  return { sandbox, cache: cacheAt(dir) };
}

/** Files under the cache's blob area after an import: nothing when it refused the bundle. */
function leftovers(dir: string): string[] {
  const blobs = join(dir, 'blobs');
  return existsSync(blobs)
    ? readdirSync(blobs, { recursive: true, withFileTypes: true })
        .filter((d) => d.isFile())
        .map((d) => d.name)
    : [];
}

describe('hostile bundles', () => {
  it('refuses links, escaping and absolute paths, devices and unexpected names, and still imports the good part', async () => {
    const genuine = await genuineBundle();
    const { sandbox, cache } = sandboxedCache();
    const absoluteTarget = join(tempDir('streamgank-abs-'), 'planted.json');
    const good = [...genuine.members].map(([path, body]): RawMember => ({ path, body }));
    const hostile: RawMember[] = [
      { path: '../evil', body: 'escaped' },
      { path: 'entries/../../evil.json', body: '{}' },
      { path: absoluteTarget, body: 'absolute' },
      { path: 'entries/link_us_horror_netflix.json', type: 'SymbolicLink', linkpath: '/etc/passwd' },
      { path: `blobs/${'e'.repeat(64)}`, type: 'Link', linkpath: '/etc/passwd' },
      { path: 'blobs/../../../tmp/hard', type: 'Link', linkpath: 'manifest.json' },
      { path: 'entries/null_device.json', type: 'CharacterDevice' },
      { path: 'blobs/fifo', type: 'FIFO' },
      { path: 'notes.txt', body: 'hello' },
      { path: 'entries/', type: 'Directory' },
      { path: 'entries/sub/', type: 'Directory' },
      { path: 'manifest.json', body: '{"format":"something else"}' },
    ];
    const bundle = writeRawTarGz(join(tempDir(), 'hostile.tar.gz'), [...good, ...hostile]);

    const report = await importBundle(cache, bundle);
    expect(report.added.sort()).toEqual(['assets_us_comedy_netflix.json', 'assets_us_horror_netflix.json']);
    const refused = Object.fromEntries(report.refused.map((item) => [item.path, item.reason]));
    expect(refused).toEqual({
      '../evil': 'a path leading out of the cache (..)',
      'entries/../../evil.json': 'a path leading out of the cache (..)',
      [absoluteTarget]: 'an absolute path, outside the cache',
      'entries/link_us_horror_netflix.json': 'a symbolic link to /etc/passwd; bundles hold plain files only',
      [`blobs/${'e'.repeat(64)}`]: 'a hard link to /etc/passwd; bundles hold plain files only',
      'blobs/../../../tmp/hard': 'a hard link to manifest.json; bundles hold plain files only',
      'entries/null_device.json': 'a CharacterDevice member; bundles hold plain files only',
      'blobs/fifo': 'a FIFO member; bundles hold plain files only',
      'notes.txt': 'an unexpected name (expected manifest.json, entries/<entry>.json or blobs/<sha256>)',
      'entries/sub/': 'an unexpected directory',
      'manifest.json': 'a second member with the same name',
    });
    expect(readdirSync(sandbox)).toEqual(['cache']);
    expect(existsSync(absoluteTarget)).toBe(false);
    expect(readdirSync(cache.directory).sort()).toEqual(
      ['.streamgank', 'assets_us_comedy_netflix.json', 'assets_us_horror_netflix.json', 'blobs'].sort(),
    );
    expect(await cache.verify()).toMatchObject({ healthy: true, ok_entries: 2 });
  });

  it('refuses a blob whose bytes do not match its name, and skips the entry that needs it', async () => {
    const genuine = await genuineBundle();
    const { cache } = sandboxedCache();
    const members = [...genuine.members].map(([path, body]): RawMember => {
      if (path !== `blobs/${genuine.horrorBlob}`) return { path, body };
      const forged = Buffer.from(body);
      forged[0] = (forged[0] ?? 0) ^ 0xff;
      return { path, body: forged };
    });
    const report = await importBundle(cache, writeRawTarGz(join(tempDir(), 'forged.tar.gz'), members));
    expect(report.added).toEqual(['assets_us_comedy_netflix.json']);
    expect(report.refused).toEqual([
      { path: `blobs/${genuine.horrorBlob}`, reason: expect.stringMatching(/^its bytes do not match its name/) },
    ]);
    expect(report.skipped).toEqual([
      {
        file: 'assets_us_horror_netflix.json',
        reason: `its blob sha256:${genuine.horrorBlob} is missing from the bundle or damaged`,
        kept_local: false,
      },
    ]);
    expect(
      existsSync(join(cache.directory, 'blobs', 'sha256', genuine.horrorBlob.slice(0, 2), genuine.horrorBlob)),
    ).toBe(false);
    expect(readdirSync(join(cache.directory, 'blobs', 'tmp'))).toEqual([]);
  });

  it('skips entries that were tampered with, renamed, or left out of the manifest', async () => {
    const genuine = await genuineBundle();
    const { cache } = sandboxedCache();
    const horror = 'entries/assets_us_horror_netflix.json';
    const tamperedBytes = Buffer.from(
      (genuine.members.get(horror) as Buffer).toString().replace(genuine.horrorBlob, 'f'.repeat(64)),
    );
    const comedyBytes = genuine.members.get('entries/assets_us_comedy_netflix.json') as Buffer;
    const manifest = JSON.parse((genuine.members.get('manifest.json') as Buffer).toString()) as {
      entries: { file: string; sha256: string; bytes: number }[];
    };
    for (const entry of manifest.entries) {
      if (entry.file === 'assets_us_horror_netflix.json')
        Object.assign(entry, { sha256: sha256(tamperedBytes), bytes: tamperedBytes.length });
    }
    const comedy = manifest.entries.find((entry) => entry.file === 'assets_us_comedy_netflix.json');
    manifest.entries.push({
      ...(comedy as { file: string; sha256: string; bytes: number }),
      file: 'assets_us_drama_netflix.json',
    });
    const members: RawMember[] = [
      { path: 'manifest.json', body: JSON.stringify(manifest) },
      { path: horror, body: tamperedBytes },
      { path: 'entries/assets_us_drama_netflix.json', body: comedyBytes },
      { path: 'entries/catalog_us_horror_netflix.json', body: comedyBytes },
      ...[...genuine.members].filter(([path]) => path.startsWith('blobs/')).map(([path, body]) => ({ path, body })),
    ];
    const report = await importBundle(cache, writeRawTarGz(join(tempDir(), 'tampered.tar.gz'), members));
    expect(report.added).toEqual([]);
    expect(Object.fromEntries(report.skipped.map((skip) => [skip.file, skip.reason]))).toEqual({
      'assets_us_horror_netflix.json': expect.stringContaining('does not match its data_sha256'),
      'assets_us_comedy_netflix.json': 'not in the bundle',
      'assets_us_drama_netflix.json': 'its name does not match what it holds (assets for US/Comedy/Netflix)',
      'catalog_us_horror_netflix.json': 'not listed in the manifest',
    });
    expect(readdirSync(cache.directory).filter((name) => name.endsWith('.json'))).toEqual([]);
    expect(readdirSync(join(cache.directory, 'blobs', 'tmp'))).toEqual([]);
  });

  it('imports what came before the cut of a truncated archive, and reports the rest', async () => {
    const genuine = await genuineBundle();
    const { cache } = sandboxedCache();
    // Order: manifest, both entries, the small horror blob, then the big comedy blob, cut in its middle.
    const members: RawMember[] = [
      'manifest.json',
      'entries/assets_us_comedy_netflix.json',
      'entries/assets_us_horror_netflix.json',
    ].map((path) => ({ path, body: genuine.members.get(path) as Buffer }));
    members.push({
      path: `blobs/${genuine.horrorBlob}`,
      body: genuine.members.get(`blobs/${genuine.horrorBlob}`) as Buffer,
    });
    members.push({
      path: `blobs/${genuine.comedyBlob}`,
      body: genuine.members.get(`blobs/${genuine.comedyBlob}`) as Buffer,
    });
    const whole = gunzipSync(readFileSync(writeRawTarGz(join(tempDir(), 'whole.tar.gz'), members)));
    const truncated = join(tempDir(), 'truncated.tar.gz');
    writeFileSync(truncated, gzipSync(whole.subarray(0, whole.length - 250_000)));

    const report = await importBundle(cache, truncated);
    expect(report.added).toEqual(['assets_us_horror_netflix.json']);
    expect(report.skipped).toEqual([
      {
        file: 'assets_us_comedy_netflix.json',
        reason: `its blob sha256:${genuine.comedyBlob} is missing from the bundle or damaged (the archive is truncated or damaged)`,
        kept_local: false,
      },
    ]);
    expect(report.refused).toEqual([
      { path: `blobs/${genuine.comedyBlob}`, reason: 'cut short (the archive ends early)' },
    ]);
    expect(report.damaged).toMatch(/unexpected end/i);
    expect(readdirSync(join(cache.directory, 'blobs', 'tmp'))).toEqual([]);

    const cutGzip = join(tempDir(), 'cut-gzip.tar.gz');
    const compressed = readFileSync(writeRawTarGz(join(tempDir(), 'whole2.tar.gz'), members));
    writeFileSync(cutGzip, compressed.subarray(0, Math.floor(compressed.length * 0.6)));
    const other = sandboxedCache().cache;
    const second = await importBundle(other, cutGzip);
    expect(second.added).toEqual(['assets_us_horror_netflix.json']);
    expect(second.damaged).toBeDefined();
    expect(readdirSync(join(other.directory, 'blobs', 'tmp'))).toEqual([]);
  });

  it('refuses a bundle without a manifest, or from a newer format, and writes nothing', async () => {
    const genuine = await genuineBundle();
    const { sandbox, cache } = sandboxedCache();
    const withoutManifest = [...genuine.members]
      .filter(([path]) => path !== 'manifest.json')
      .map(([path, body]) => ({ path, body }));
    await expect(importBundle(cache, writeRawTarGz(join(tempDir(), 'a.tar.gz'), withoutManifest))).rejects.toThrow(
      InvalidBundleError,
    );
    const future = [
      { path: 'manifest.json', body: JSON.stringify({ format: 'streamgank-cache-bundle', format_version: 9 }) },
      ...withoutManifest,
    ];
    await expect(importBundle(cache, writeRawTarGz(join(tempDir(), 'b.tar.gz'), future))).rejects.toThrow(
      /newer StreamGank \(bundle format 9\)/,
    );
    expect(readdirSync(sandbox)).toEqual(['cache']);
    expect(readdirSync(cache.directory).filter((name) => name !== 'blobs')).toEqual([]);
    expect(leftovers(cache.directory)).toEqual([]);
  });
});
