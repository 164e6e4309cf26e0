import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCache, silentLogger } from '@streamgank/cache';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDirs } from '../test-support/temp-dirs.js';
import { mountTmpfs, tmpfsRequirement } from '../test-support/tmpfs.js';
import { placeVideo } from './place-video.js';

const dirs = tempDirs('streamgank-place');
afterAll(() => dirs.cleanup());

async function storedVideo(dir: string) {
  const cache = createCache({ dir: dirs.make(), logger: silentLogger, env: {} });
  const path = join(dir, 'final-video.mp4');
  writeFileSync(path, randomBytes(256 * 1024));
  return { cache, path, blob: await cache.putBlob(path, 'video/mp4') };
}

describe.skipIf(tmpfsRequirement().skip)('putting the final video in place across file systems', () => {
  it('moves a video made on a tmpfs to a folder on the disk, where a rename fails with EXDEV', async () => {
    const tmpfs = mountTmpfs();
    try {
      const { cache, path, blob } = await storedVideo(tmpfs.path);
      const bytes = readFileSync(path);
      const out = dirs.make();
      expect(() => renameSync(path, join(out, 'probe.mp4'))).toThrow(/EXDEV/);
      const destination = join(out, 'video.mp4');
      const placed = await placeVideo(cache, blob, destination, path, undefined);
      expect(readFileSync(destination).equals(bytes)).toBe(true);
      expect(existsSync(path)).toBe(false);
      expect(placed).toMatchObject({ sha256: blob.sha256, bytes: blob.bytes, ino: statSync(destination).ino });
    } finally {
      tmpfs.unmount();
    }
  });
});

describe('putting the final video in place on one file system', () => {
  it('renames the video it made, keeps one left untouched, and restores one that changed', async () => {
    const work = dirs.make();
    const { cache, path, blob } = await storedVideo(work);
    const bytes = readFileSync(path);
    const destination = join(dirs.make(), 'video.mp4');
    const inode = statSync(path).ino;
    const placed = await placeVideo(cache, blob, destination, path, undefined);
    expect(statSync(destination).ino).toBe(inode); // renamed, not copied
    const kept = await placeVideo(cache, blob, destination, undefined, placed);
    expect(kept).toEqual(placed);
    writeFileSync(destination, 'edited by hand');
    const restored = await placeVideo(cache, blob, destination, undefined, placed);
    expect(readFileSync(destination).equals(bytes)).toBe(true);
    expect(restored).not.toEqual(placed);
  });
});
