import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { expectRefusal } from './test-support/assertions.js';
import { fixtureDashboard } from './test-support/fixture-dashboard.js';
import { send } from './test-support/http-client.js';

describe('GET /blobs/:sha256', () => {
  it("serves a poster's bytes with the entry's media type", async () => {
    const { base, fixture } = await fixtureDashboard();
    const response = await send(base, { path: `/blobs/${fixture.poster.sha256}` });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('image/png');
    expect(response.headers['content-length']).toBe(String(fixture.posterBytes.length));
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toContain('sandbox');
    expect(response.body.equals(fixture.posterBytes)).toBe(true);
  });

  it('serves byte ranges of a clip, as video elements ask for them', async () => {
    const { base, fixture } = await fixtureDashboard();
    const path = `/blobs/${fixture.clip.sha256}`;
    const size = fixture.clipBytes.length;
    const ranged = async (range: string) => send(base, { path, headers: { Range: range } });

    const middle = await ranged('bytes=100-199');
    expect(middle.status).toBe(206);
    expect(middle.headers['content-type']).toBe('video/mp4');
    expect(middle.headers['content-range']).toBe(`bytes 100-199/${size}`);
    expect(middle.body.equals(fixture.clipBytes.subarray(100, 200))).toBe(true);

    const tail = await ranged(`bytes=${size - 96}-`);
    expect(tail.status).toBe(206);
    expect(tail.body.equals(fixture.clipBytes.subarray(size - 96))).toBe(true);

    const suffix = await ranged('bytes=-10');
    expect(suffix.headers['content-range']).toBe(`bytes ${size - 10}-${size - 1}/${size}`);
    expect(suffix.body.equals(fixture.clipBytes.subarray(size - 10))).toBe(true);

    const beyondEnd = await ranged(`bytes=${size - 5}-${size + 100}`);
    expect(beyondEnd.body.equals(fixture.clipBytes.subarray(size - 5))).toBe(true);

    const outside = await ranged(`bytes=${size}-`);
    expectRefusal(outside, 416);
    expect(outside.headers['content-range']).toBe(`bytes */${size}`);

    const several = await ranged('bytes=0-1,5-6');
    expect(several.status).toBe(200);
    expect(several.body.equals(fixture.clipBytes)).toBe(true);

    // RFC 9110: a suffix longer than the blob is the whole blob, and a range that cannot be read is ignored.
    const longSuffix = await ranged(`bytes=-${size + 1000}`);
    expect(longSuffix.status).toBe(206);
    expect(longSuffix.headers['content-range']).toBe(`bytes 0-${size - 1}/${size}`);
    expect(longSuffix.body.equals(fixture.clipBytes)).toBe(true);
    const unreadable = await ranged('bytes=ten-twenty');
    expect(unreadable.status).toBe(200);
    expect(unreadable.body.equals(fixture.clipBytes)).toBe(true);
  });

  it('serves ranges of a blob larger than one read, across read boundaries and at its very end', async () => {
    const { base, fixture } = await fixtureDashboard();
    const bytes = randomBytes(2_500_000 + 17);
    const ref = await fixture.cache.putBlob(Readable.from([bytes]), 'video/mp4');
    fixture.cache.save(
      'assets',
      { country: 'NL', genre: 'Drama', platform: 'Netflix' },
      { clip: ref.sha256 },
      { blobs: [ref] },
    );
    const path = `/blobs/${ref.sha256}`;
    const MiB = 1024 * 1024;
    for (const [start, end] of [
      [MiB - 7, MiB + 9],
      [2 * MiB, 2 * MiB],
      [0, 0],
      [bytes.length - 1, bytes.length - 1],
      [123_456, bytes.length - 1],
    ] as const) {
      const response = await send(base, { path, headers: { Range: `bytes=${start}-${end}` } });
      expect(response.status).toBe(206);
      expect(response.headers['content-range']).toBe(`bytes ${start}-${end}/${bytes.length}`);
      expect(response.headers['content-length']).toBe(String(end - start + 1));
      expect(response.body.equals(bytes.subarray(start, end + 1)), `${start}-${end}`).toBe(true);
    }
    const whole = await send(base, { path });
    expect(whole.body.equals(bytes)).toBe(true);
  });

  it('answers HEAD with the headers only, and a matching ETag with 304', async () => {
    const { base, fixture } = await fixtureDashboard();
    const path = `/blobs/${fixture.poster.sha256}`;
    const head = await send(base, { method: 'HEAD', path });
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(String(fixture.posterBytes.length));
    expect(head.body.length).toBe(0);
    const etag = String(head.headers['etag']);
    const cached = await send(base, { path, headers: { 'If-None-Match': etag } });
    expect(cached.status).toBe(304);
    expect(cached.body.length).toBe(0);
  });

  it('refuses anything but a 64-character lower-case hex digest', async () => {
    const { base, fixture } = await fixtureDashboard();
    const digest = fixture.poster.sha256;
    const attempts = [
      digest.toUpperCase(),
      digest.slice(1),
      `${digest}0`,
      `sha256:${digest}`,
      `${digest}/`,
      `${digest}%00`,
      `${digest.slice(0, 2)}/${digest}`,
      '../../package.json',
      '..%2f..%2fpackage.json',
      '%2e%2e%2f%2e%2e%2fpackage.json',
      '..\\..\\package.json',
      '/etc/passwd',
      '%2fetc%2fpasswd',
      'g'.repeat(64),
      '',
    ];
    for (const attempt of attempts) {
      const response = await send(base, { path: `/blobs/${attempt}` });
      expect(expectRefusal(response, 400), attempt).toMatch(/64 lower-case hex/);
    }
  });

  it('refuses digests that no entry refers to, even when the bytes are stored', async () => {
    const { base, fixture } = await fixtureDashboard();
    expect(expectRefusal(await send(base, { path: `/blobs/${'0'.repeat(64)}` }), 404)).toMatch(
      /No cache entry or kept version refers/,
    );
    expect(fixture.cache.hasBlob(fixture.orphan)).toBe(true);
    expect(expectRefusal(await send(base, { path: `/blobs/${fixture.orphan.sha256}` }), 404)).toMatch(
      /No cache entry or kept version refers/,
    );
  });

  it('says so when a blob an entry refers to has gone from the disk', async () => {
    const { base, fixture } = await fixtureDashboard();
    rmSync(join(fixture.dir, 'blobs', 'sha256', fixture.poster.sha256.slice(0, 2), fixture.poster.sha256));
    expect(expectRefusal(await send(base, { path: `/blobs/${fixture.poster.sha256}` }), 404)).toMatch(
      /missing.*verify/,
    );
  });

  it('sends media types a browser could run (HTML, SVG) as downloads, never inline', async () => {
    const { base, fixture } = await fixtureDashboard();
    const html = { ...fixture.orphan, media_type: 'text/html' };
    fixture.cache.save('assets', { country: 'ES', genre: 'Horror', platform: 'Netflix' }, {}, { blobs: [html] });
    const response = await send(base, { path: `/blobs/${fixture.orphan.sha256}` });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/octet-stream');
    expect(response.headers['content-disposition']).toMatch(/^attachment/);
    expect(response.text()).toBe('nobody refers to me');
    const entry = (await send(base, { path: '/api/entries/assets_es_horror_netflix.json' })).json() as {
      blobs: { kind: string }[];
    };
    expect(entry.blobs[0]?.kind).toBe('download');
  });
});
