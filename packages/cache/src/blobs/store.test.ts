import { randomBytes, createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { BlobCorruptError, BlobNotFoundError, InvalidDigestError, createCache, silentLogger } from '../index.js';
import { tempDir } from '@streamgank/testing';

const params = { country: 'US', genre: 'Horror', platform: 'Netflix' };
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

function fileWith(bytes: Buffer, name = 'asset.bin'): string {
  const path = join(tempDir('streamgank-src-'), name);
  writeFileSync(path, bytes);
  return path;
}

function blobFiles(dir: string): string[] {
  const root = join(dir, 'blobs', 'sha256');
  if (!existsSync(root)) return [];
  return readdirSync(root).flatMap((fan) => readdirSync(join(root, fan)).map((name) => join(root, fan, name)));
}

describe('blobs', () => {
  it('are stored once under their digest and restored byte for byte', async () => {
    const dir = tempDir();
    const cache = createCache({ dir, logger: silentLogger, env: {} });
    const bytes = randomBytes(3 * 1024 * 1024 + 17);
    const ref = await cache.putBlob(fileWith(bytes), 'video/mp4');
    expect(ref).toEqual({ sha256: sha256(bytes), bytes: bytes.length, media_type: 'video/mp4' });
    expect(blobFiles(dir)).toEqual([join(dir, 'blobs', 'sha256', ref.sha256.slice(0, 2), ref.sha256)]);

    const again = await cache.putBlob(Readable.from([bytes.subarray(0, 10), bytes.subarray(10)]), 'video/mp4');
    expect(again.sha256).toBe(ref.sha256);
    expect(blobFiles(dir)).toHaveLength(1);

    const destination = join(tempDir('streamgank-out-'), 'nested', 'clip.mp4');
    await cache.restoreBlob(ref.sha256, destination);
    expect(readFileSync(destination).equals(bytes)).toBe(true);
    expect(readdirSync(join(dir, 'blobs', 'tmp'))).toEqual([]);
  });

  it('are referenced by entries and checked on every hit', async () => {
    const dir = tempDir();
    const cache = createCache({ dir, logger: silentLogger, env: {} });
    const poster = fileWith(Buffer.from('poster bytes'), 'poster.png');
    const clip = fileWith(Buffer.from('clip bytes'), 'clip.mp4');
    const result = await cache.getOrCreate('assets', params, async (ctx) => {
      const p = await ctx.putBlob(poster, 'image/png');
      const c = await ctx.putBlob(clip, 'video/mp4');
      const duplicate = await ctx.putBlob(poster, 'image/png');
      return {
        enhanced_posters: { 'Train to Busan': p.sha256 },
        dynamic_clips: { 'Train to Busan': c.sha256 },
        same: duplicate.sha256,
      };
    });
    expect(result.metadata?.blobs?.map((blob) => blob.media_type)).toEqual(['image/png', 'video/mp4']);
    const listed = cache.list().files[0];
    expect(listed).toMatchObject({ blob_count: 2, blob_bytes: 'poster bytes'.length + 'clip bytes'.length });
    expect(cache.stats()).toMatchObject({ blob_count: 2, blob_size_bytes: 22 });
    expect((await cache.getOrCreate('assets', params, () => ({}))).source).toBe('hit');
  });

  it('whose bytes changed on disk are refused on restore and quarantined', async () => {
    const dir = tempDir();
    const cache = createCache({ dir, logger: silentLogger, env: {} });
    const ref = await cache.putBlob(fileWith(Buffer.from('original')), 'image/png');
    const [stored] = blobFiles(dir);
    writeFileSync(stored as string, 'tampered');
    const destination = join(tempDir(), 'poster.png');
    await expect(cache.restoreBlob(ref.sha256, destination)).rejects.toThrow(BlobCorruptError);
    expect(existsSync(destination)).toBe(false);
    expect(readdirSync(join(dir, '.quarantine'))).toHaveLength(1);
    await expect(cache.restoreBlob(ref.sha256, destination)).rejects.toThrow(BlobNotFoundError);
  });

  it('are addressed only by a valid digest', async () => {
    const cache = createCache({ dir: tempDir(), logger: silentLogger, env: {} });
    for (const bad of ['../../etc/passwd', 'ABCDEF', 'a'.repeat(63), `${'a'.repeat(63)}/`, '']) {
      await expect(cache.restoreBlob(bad, join(tempDir(), 'x'))).rejects.toThrow(InvalidDigestError);
    }
    await expect(cache.restoreBlob('a'.repeat(64), join(tempDir(), 'x'))).rejects.toThrow(BlobNotFoundError);
  });

  it('made while the cache is off are only hashed, yet can be restored during the run', async () => {
    const dir = tempDir();
    const cache = createCache({ dir, mode: 'off', logger: silentLogger, env: {} });
    const bytes = Buffer.from('rendered while off');
    const source = fileWith(bytes);
    const result = await cache.getOrCreate('assets', params, async (ctx) => ({
      poster: (await ctx.putBlob(source, 'image/png')).sha256,
    }));
    expect(blobFiles(dir)).toEqual([]);
    const destination = join(tempDir(), 'copy.png');
    await cache.restoreBlob(result.data.poster, destination);
    expect(readFileSync(destination).equals(bytes)).toBe(true);
  });
});

describe('placeBlob', () => {
  it('puts a blob in place without copying it where it can (a hard link here), read-only, with the same bytes', async () => {
    const dir = tempDir();
    const cache = createCache({ dir, logger: silentLogger, env: {} });
    const source = join(tempDir(), 'video.mp4');
    writeFileSync(source, Buffer.alloc(256 * 1024, 7));
    const ref = await cache.putBlob(source, 'video/mp4');
    const destination = join(tempDir(), 'out', 'video.mp4');
    const how = await cache.placeBlob(ref.sha256, destination);
    expect(['reflink', 'link']).toContain(how);
    expect(readFileSync(destination).equals(readFileSync(source))).toBe(true);
    const stored = join(dir, 'blobs', 'sha256', ref.sha256.slice(0, 2), ref.sha256);
    if (how === 'link') {
      expect(statSync(destination).ino).toBe(statSync(stored).ino);
      expect(statSync(stored).mode & 0o222).toBe(0);
    }
    // The blob stays verifiable and restorable.
    expect((await cache.verify()).corrupt_blobs).toEqual([]);
    await expect(cache.placeBlob('f'.repeat(64), join(tempDir(), 'x.mp4'))).rejects.toBeInstanceOf(BlobNotFoundError);
  });
});
