import { describe, expect, it } from 'vitest';
import { tempDir } from '@streamgank/testing';
import { startForTest } from './test-support/fixture-dashboard.js';
import { send } from './test-support/http-client.js';
import { buildVersionedCache, NEW_SCRIPT, OLD_SCRIPT } from './test-support/versioned-cache.js';

async function versionedDashboard() {
  const fixture = await buildVersionedCache(tempDir());
  const dashboard = await startForTest({ cacheDir: fixture.dir });
  const get = async (path: string, headers: Record<string, string> = {}) => {
    const response = await send(dashboard.url, { path, headers });
    return { status: response.status, body: response.json() as Record<string, unknown>, response };
  };
  return { fixture, dashboard, get };
}

describe('GET /api/entries/<file>/history', () => {
  it("lists an entry's versions newest first, with producer, cost, input changes and the current mark", async () => {
    const { fixture, get } = await versionedDashboard();
    const { status, body } = await get(`/api/entries/${fixture.files.script}/history`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ file: fixture.files.script, pinned: false });
    expect(body['versions']).toMatchObject([
      {
        version: 0,
        current: true,
        candidate: false,
        producer: 'writer@2',
        cost_usd: 0.0012,
        input_changes: ['num_movies: 3 → 2'],
      },
      { version: 1, current: false, producer: 'writer@1', input_changes: [] },
    ]);
    const pinned = await get(`/api/entries/${fixture.files.catalog}/history`);
    expect(pinned.body).toMatchObject({ pinned: true, versions: [{ version: 0, current: true }] });
  });
});

describe('GET /api/entries/<file>/diff', () => {
  it('compares the version the current replaced with the current: inputs, words, and the blobs side by side', async () => {
    const { fixture, get } = await versionedDashboard();
    const { status, body } = await get(`/api/entries/${fixture.files.script}/diff`);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      from: { version: 1 },
      to: { version: 0 },
      identical: false,
      input_changes: ['num_movies: 3 → 2'],
    });
    const [change] = body['data'] as {
      path: string;
      before: string;
      after: string;
      text: { op: string; text: string }[];
    }[];
    expect(change).toMatchObject({ path: 'combined_script', before: OLD_SCRIPT, after: NEW_SCRIPT });
    expect(change?.text.filter((part) => part.op !== '=')).toEqual([
      { op: '-', text: 'quiet' },
      { op: '+', text: 'loud' },
      { op: '-', text: 'knocking' },
      { op: '+', text: 'singing' },
    ]);

    const assets = await get(`/api/entries/${fixture.files.assets}/diff?from=1&to=0`);
    expect(assets.body['blobs']).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          bytes_changed: true,
          before: expect.objectContaining({
            sha256: fixture.oldPoster.sha256,
            url: `/blobs/${fixture.oldPoster.sha256}`,
            display: 'image',
            kind: 'image',
          }),
          after: expect.objectContaining({ sha256: fixture.newPoster.sha256, display: 'image' }),
        }),
        expect.objectContaining({
          bytes_changed: false,
          before: expect.objectContaining({ sha256: fixture.clip.sha256, display: 'video' }),
        }),
      ]),
    );
    const reversed = await get(`/api/entries/${fixture.files.assets}/diff?from=0&to=1`);
    expect(reversed.body).toMatchObject({ from: { version: 0 }, to: { version: 1 } });
  });

  it('adds the media facts that describeBlob gives', async () => {
    const fixture = await buildVersionedCache(tempDir());
    const described: string[] = [];
    const dashboard = await startForTest({
      cacheDir: fixture.dir,
      describeBlob: async (_path, ref) => {
        described.push(ref.media_type);
        return ref.media_type === 'image/png' ? { width: 12, height: 34, codecs: ['png'] } : {};
      },
    });
    const body = (await send(dashboard.url, { path: `/api/entries/${fixture.files.assets}/diff` })).json() as {
      blobs: { before?: { media_type: string; width?: number; codecs?: string[] } }[];
    };
    expect(body.blobs.find((pair) => pair.before?.media_type === 'image/png')?.before).toMatchObject({
      width: 12,
      codecs: ['png'],
    });
    expect(described).toContain('video/mp4');
  });

  it.each([
    ['a name that is no entry name', '/api/entries/..%2f..%2fetc%2fpasswd/diff', 400],
    ['an entry the cache does not list', '/api/entries/assets_fr_horror_netflix.json/diff', 404],
    ['a version that is no number', '/api/entries/FILE/diff?from=one', 400],
    ['a negative version', '/api/entries/FILE/diff?to=-1', 400],
    ['a version given twice', '/api/entries/FILE/diff?from=1&from=2', 400],
    ['an unknown parameter', '/api/entries/FILE/diff?from=1&side=left', 400],
    ['a version the entry does not have', '/api/entries/FILE/diff?from=7', 404],
    ['another view of an entry', '/api/entries/FILE/blame', 404],
    ['a history of no entry', '/api/entries/nothing.txt/history', 400],
  ])('refuses %s', async (_what, path, expected) => {
    const { fixture, get } = await versionedDashboard();
    const { status, body } = await get(path.replace('FILE', fixture.files.script));
    expect(status).toBe(expected);
    expect(typeof body['error']).toBe('string');
  });

  it('answers only to its own Host, and only to GET', async () => {
    const { fixture, dashboard, get } = await versionedDashboard();
    expect((await get(`/api/entries/${fixture.files.script}/history`, { Host: 'evil.example:80' })).status).toBe(403);
    const post = await send(dashboard.url, { method: 'POST', path: `/api/entries/${fixture.files.script}/diff` });
    expect(post.status).toBe(405);
  });
});

describe('GET /blobs/<sha256> of a kept version', () => {
  it('serves a blob only an older version refers to, and still refuses digests nothing refers to', async () => {
    const { fixture, get, dashboard } = await versionedDashboard();
    const old = await send(dashboard.url, { path: `/blobs/${fixture.oldPoster.sha256}` });
    expect(old.status).toBe(200);
    expect(old.headers['content-type']).toBe('image/png');
    expect(old.body.length).toBe(fixture.oldPoster.bytes);
    const nobody = 'a'.repeat(64);
    expect((await get(`/blobs/${nobody}`)).status).toBe(404);
  });
});
