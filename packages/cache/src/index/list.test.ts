import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '@streamgank/testing';
import { describe, expect, it } from 'vitest';
import { createCache, silentLogger, type BlobRef, type Cache } from '../index.js';

const at = (genre: string) => ({ country: 'US', genre, platform: 'Netflix' });

function open(dir: string): Cache {
  return createCache({ dir, logger: silentLogger, env: {} });
}

async function storedBlobs(cache: Cache, contents: readonly string[]): Promise<BlobRef[]> {
  const sources = tempDir('streamgank-src-');
  const blobs: BlobRef[] = [];
  for (const [i, content] of contents.entries()) {
    const path = join(sources, `${i}.bin`);
    writeFileSync(path, content);
    blobs.push(await cache.putBlob(path, i % 2 ? 'video/mp4' : 'image/png'));
  }
  return blobs;
}

/** Every entry file's blobs, read from the files themselves. */
function blobsOnDisk(dir: string): Map<string, BlobRef[]> {
  const byFile = new Map<string, BlobRef[]>();
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.json'))) {
    byFile.set(file, JSON.parse(readFileSync(join(dir, file), 'utf8')).metadata.blobs ?? []);
  }
  return byFile;
}

describe('the blobs of listed entries', () => {
  it('are every entry’s own, whether read, spread, serialized, cloned or compared, and the same list each time', async () => {
    const dir = tempDir();
    const cache = open(dir);
    const blobs = await storedBlobs(cache, ['poster one', 'clip one, longer', 'poster two', 'a third']);
    cache.save('assets', at('Horror'), { n: 1 }, { blobs: blobs.slice(0, 2) });
    cache.save('assets', at('Comedy'), { n: 2 }, { blobs: blobs.slice(2, 3) });
    cache.save('script_result', at('Horror'), { script: 'no media' });
    cache.save('assets', at('Drama'), { n: 3 }, { blobs: [blobs[3] as BlobRef, blobs[0] as BlobRef] });

    const onDisk = blobsOnDisk(dir);
    const { files } = open(dir).list();
    expect(files.map((file) => file.filename).sort()).toEqual([...onDisk.keys()].sort());
    for (const entry of files) {
      const expected = onDisk.get(entry.filename) ?? [];
      expect(entry.blobs).toEqual(expected);
      expect(entry.blobs).toBe(entry.blobs);
      expect(entry.blob_count).toBe(expected.length);
      expect(entry.blob_bytes).toBe(expected.reduce((sum, blob) => sum + blob.bytes, 0));
      expect({ ...entry }.blobs).toEqual(expected);
      expect(structuredClone(entry).blobs).toEqual(expected);
      expect(JSON.parse(JSON.stringify(entry)).blobs).toEqual(expected);
      expect(Object.keys(entry)).toContain('blobs');
    }
    // Read in another order, and from a listing filtered after it was made.
    const drama = cache.list({ genre: 'Drama' }).files;
    expect(drama.map((entry) => entry.blobs)).toEqual([onDisk.get('assets_us_drama_netflix.json')]);
  });

  it('stay what the entry held when it was listed after it is saved again with others', async () => {
    const dir = tempDir();
    const cache = open(dir);
    const [first, second] = await storedBlobs(cache, ['first poster', 'second poster']);
    cache.save('assets', at('Horror'), { n: 1 }, { blobs: [first as BlobRef] });
    const before = cache.list().files;

    cache.save('assets', at('Horror'), { n: 2 }, { blobs: [second as BlobRef] });
    expect(before[0]?.blobs).toEqual([first]);
    expect(cache.list().files[0]?.blobs).toEqual([second]);
  });
});
