import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { expectRefusal } from './test-support/assertions.js';
import { openCache } from './test-support/fixture-cache.js';
import { fixtureDashboard } from './test-support/fixture-dashboard.js';
import { send } from './test-support/http-client.js';

interface Listed {
  filename: string;
  status: string;
  data_type: string;
}

describe('the page and its files', () => {
  it('serves the page with security headers', async () => {
    const { base } = await fixtureDashboard();
    const response = await send(base, { path: '/' });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.text()).toContain('<title>StreamGank cache</title>');
    const policy = String(response.headers['content-security-policy']);
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(response.headers['x-frame-options']).toBe('DENY');
  });

  it('serves every script, style and icon the page and its modules refer to', async () => {
    const { base } = await fixtureDashboard();
    const page = (await send(base, { path: '/' })).text();
    const referenced = [...page.matchAll(/(?:src|href)="\/static\/([^"]+)"/g)].map((match) => match[1] as string);
    expect(referenced).toEqual(
      expect.arrayContaining(['app.js', 'style.css', 'entries.css', 'dialogs.css', 'favicon.svg']),
    );
    const app = (await send(base, { path: '/static/app.js' })).text();
    referenced.push(...[...app.matchAll(/from '\.\/([a-z-]+\.js)'/g)].map((match) => match[1] as string));
    for (const name of new Set(referenced)) {
      const response = await send(base, { path: `/static/${name}` });
      expect(response.status, name).toBe(200);
      expect(response.headers['content-type']).toMatch(/^(text\/javascript|text\/css|image\/svg\+xml)/);
    }
  });

  it('never serves a file outside its own, however the path is spelt', async () => {
    const { base } = await fixtureDashboard();
    const attempts = [
      '/static/../package.json',
      '/static/..%2fpackage.json',
      '/static/%2e%2e%2fpackage.json',
      '/static/%2e%2e/%2e%2e/package.json',
      '/static/..\\package.json',
      '/static/..%5cpackage.json',
      '/static//etc/passwd',
      '/static/%2fetc%2fpasswd',
      '/static/',
      '/static/index.html/',
      '/static/.hidden.js',
      '/../package.json',
      '/%2e%2e/package.json',
      '//etc/passwd',
      '/etc/passwd',
    ];
    for (const path of attempts) {
      const response = await send(base, { path });
      expect(response.status, path).toBe(404);
      expect(response.text(), path).not.toMatch(/@streamgank\/dashboard|root:/);
    }
  });
});

describe('GET /api/stats', () => {
  it('returns exactly what the cache reports (what `streamgank cache stats --json` prints)', async () => {
    const { base, fixture } = await fixtureDashboard();
    const served = (await send(base, { path: '/api/stats' })).json();
    expect(served).toEqual(openCache(fixture.dir).stats());
    expect(served).toMatchObject({
      total_files: 7,
      statuses: { ok: 4, legacy: 1, stale: 1, corrupt: 1 },
      hits: 4,
      time_saved_ms: 3 * 48_123 + 12_500,
      cost_saved_usd: 3 * 0.0021,
    });
  });
});

describe('GET /api/entries', () => {
  it('lists every entry with its status', async () => {
    const { base, fixture } = await fixtureDashboard();
    const body = (await send(base, { path: '/api/entries' })).json() as { files: Listed[]; total_count: number };
    expect(body.total_count).toBe(7);
    const status = Object.fromEntries(body.files.map((file) => [file.filename, file.status]));
    expect(status).toEqual({
      [fixture.files.script]: 'ok',
      [fixture.files.assets]: 'ok',
      [fixture.files.frScript]: 'ok',
      [fixture.files.movies]: 'ok',
      [fixture.files.legacy]: 'legacy',
      [fixture.files.stale]: 'stale',
      [fixture.files.corrupt]: 'corrupt',
    });
  });

  it('filters as the cache does: by type, parameters (any case), status and age', async () => {
    const { base, fixture } = await fixtureDashboard();
    const names = async (query: string) =>
      ((await send(base, { path: `/api/entries?${query}` })).json() as { files: Listed[] }).files
        .map((f) => f.filename)
        .sort();
    expect(await names('data_type=script_result')).toEqual(
      [fixture.files.frScript, fixture.files.script, fixture.files.legacy].sort(),
    );
    expect(await names('country=us&genre=HORROR')).toEqual([fixture.files.assets, fixture.files.script].sort());
    expect(await names('genre=com%C3%A9die')).toEqual([fixture.files.frScript]);
    expect(await names('status=legacy')).toEqual([fixture.files.legacy]);
    expect(await names('older_than=30d')).toEqual([fixture.files.legacy]);
  });

  it('refuses filters it does not know or cannot read', async () => {
    const { base } = await fixtureDashboard();
    expect(expectRefusal(await send(base, { path: '/api/entries?status=bogus' }), 400)).toMatch(
      /ok, legacy, stale, edited, corrupt/,
    );
    expect(expectRefusal(await send(base, { path: '/api/entries?older_than=soon' }), 400)).toMatch(/older_than/);
    expect(expectRefusal(await send(base, { path: '/api/entries?colour=red' }), 400)).toMatch(
      /Unknown parameter "colour": use data_type, country, genre, platform, status, older_than, search/,
    );
    expectRefusal(await send(base, { path: '/api/entries?data_type=a&data_type=b' }), 400);
    expectRefusal(await send(base, { path: '/api/entries?country=' }), 400);
  });
});

describe('GET /api/entries/:file', () => {
  it("returns an entry's metadata, data and blobs", async () => {
    const { base, fixture } = await fixtureDashboard();
    const body = (await send(base, { path: `/api/entries/${fixture.files.assets}` })).json() as {
      status: string;
      data: unknown;
      metadata: { producer: string; produce_ms: number };
      blobs: { sha256: string; kind: string; present: boolean; url: string; media_type: string }[];
    };
    expect(body.status).toBe('ok');
    expect(body.data).toEqual({
      enhanced_posters: { Us: fixture.poster.sha256 },
      dynamic_clips: { Us: fixture.clip.sha256 },
    });
    expect(body.metadata).toMatchObject({ producer: 'ffmpeg', produce_ms: 12_500 });
    expect(body.blobs).toEqual([
      {
        sha256: fixture.poster.sha256,
        bytes: fixture.posterBytes.length,
        media_type: 'image/png',
        present: true,
        kind: 'image',
        url: `/blobs/${fixture.poster.sha256}`,
      },
      {
        sha256: fixture.clip.sha256,
        bytes: fixture.clipBytes.length,
        media_type: 'video/mp4',
        present: true,
        kind: 'video',
        url: `/blobs/${fixture.clip.sha256}`,
      },
    ]);
  });

  it('shows legacy, stale and corrupt entries for what they are', async () => {
    const { base, fixture } = await fixtureDashboard();
    const get = async (file: string) =>
      (await send(base, { path: `/api/entries/${file}` })).json() as { status: string; problem?: string };
    expect((await get(fixture.files.legacy)).status).toBe('legacy');
    expect((await get(fixture.files.stale)).status).toBe('stale');
    const corrupt = await get(fixture.files.corrupt);
    expect(corrupt.status).toBe('corrupt');
    expect(corrupt.problem).toMatch(/not_json/);
  });

  it('answers 404 for a well-formed name that is not in the cache', async () => {
    const { base } = await fixtureDashboard();
    expect(
      expectRefusal(await send(base, { path: '/api/entries/script_result_it_horror_netflix.json' }), 404),
    ).toContain('script_result_it_horror_netflix.json');
  });

  it('refuses anything that is not an entry name: traversal, separators, absolute paths, bad encoding', async () => {
    const { base } = await fixtureDashboard();
    const attempts = [
      '/api/entries/../../package.json',
      '/api/entries/..%2f..%2fpackage.json',
      '/api/entries/%2e%2e%2f%2e%2e%2fpackage.json',
      '/api/entries/%2e%2e',
      '/api/entries/..\\..\\package.json',
      '/api/entries/..%5c..%5cpackage.json',
      '/api/entries/%2fetc%2fpasswd',
      '/api/entries//etc/passwd',
      '/api/entries/C:%5Cwindows%5Cwin.ini',
      '/api/entries/.streamgank%2findex.json',
      '/api/entries/blobs%2fsha256',
      '/api/entries/script_result_us_horror_netflix.json%00.png',
      '/api/entries/%E0%A4%A',
      '/api/entries/',
    ];
    for (const path of attempts) {
      const response = await send(base, { path });
      expectRefusal(response, 400);
      expect(response.text(), path).not.toMatch(/@streamgank|root:|"data"/);
    }
  });
});

describe('GET /api/version', () => {
  it('stays the same while the cache does not change, and changes when it does', async () => {
    const { base, fixture } = await fixtureDashboard();
    await send(base, { path: '/api/stats' });
    const version = async () => ((await send(base, { path: '/api/version' })).json() as { version: string }).version;
    const first = await version();
    expect(first).toMatch(/^[0-9a-f]{16}$/);
    expect(await version()).toBe(first);
    fixture.cache.save('script_result', { country: 'IT', genre: 'Horror', platform: 'Netflix' }, { scripts: [] });
    const afterSave = await version();
    expect(afterSave).not.toBe(first);
    fixture.cache.load('script_result', { country: 'IT', genre: 'Horror', platform: 'Netflix' });
    const afterHit = await version();
    expect(afterHit).not.toBe(afterSave);
    fixture.cache.clear({ country: 'IT' });
    expect(await version()).not.toBe(afterHit);
  });
});

describe('GET /api/activity', () => {
  it('returns hourly counts that add up to the totals, and the newest events first', async () => {
    const { base, fixture } = await fixtureDashboard();
    const body = (await send(base, { path: '/api/activity' })).json() as {
      hourly: { hour_start: number; hit: number; miss: number; stale: number; write: number }[];
      recent: { t: number; ev: string }[];
    };
    const stats = openCache(fixture.dir).stats();
    const sum = (key: 'hit' | 'miss' | 'stale' | 'write') => body.hourly.reduce((total, hour) => total + hour[key], 0);
    expect(sum('hit')).toBe(stats.hits);
    expect(sum('miss')).toBe(stats.misses);
    expect(sum('stale')).toBe(stats.stale_reads);
    expect(sum('write')).toBe(stats.writes);
    expect(body.hourly.every((hour) => hour.hour_start % 3_600_000 === 0)).toBe(true);
    const times = body.recent.map((event) => event.t);
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(body.recent[0]?.ev).toBe('stale');
  });
});

describe('read routes and methods', () => {
  it('refuses POST, PUT and DELETE on read routes with 405 and says what is allowed', async () => {
    const { base, fixture } = await fixtureDashboard();
    for (const method of ['POST', 'PUT', 'DELETE']) {
      for (const path of [
        '/',
        '/api/stats',
        '/api/entries',
        `/api/entries/${fixture.files.script}`,
        `/blobs/${fixture.poster.sha256}`,
      ]) {
        const response = await send(base, {
          method,
          path,
          headers: { 'Content-Type': 'application/json' },
          body: '{}',
        });
        expectRefusal(response, 405);
        expect(response.headers['allow']).toBe('GET, HEAD');
      }
    }
    expect(readFileSync(`${fixture.dir}/${fixture.files.script}`, 'utf8')).toContain('It begins');
  });
});
