import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectRefusal } from './test-support/assertions.js';
import { openCache } from './test-support/fixture-cache.js';
import { fixtureDashboard, TEST_TOKEN } from './test-support/fixture-dashboard.js';
import { send, type SimpleResponse } from './test-support/http-client.js';
import { ageBlobs } from '@streamgank/testing';

const JSON_TYPE = { 'Content-Type': 'application/json' };
const AUTH = { ...JSON_TYPE, Authorization: `Bearer ${TEST_TOKEN}` };

interface Removal {
  removed: string[];
  removed_blobs: string[];
  freed_bytes: number;
  dry_run: boolean;
  removed_count: number;
}

async function setup() {
  const context = await fixtureDashboard();
  const clear = (body: unknown, headers: Record<string, string> = AUTH, path = '/api/clear'): Promise<SimpleResponse> =>
    send(context.base, { method: 'POST', path, headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const files = () =>
    openCache(context.fixture.dir)
      .list()
      .files.map((file) => file.filename)
      .sort();
  return { ...context, clear, files };
}

describe('POST /api/clear refusals (nothing changes)', () => {
  it('answers GET and other methods with 405, pointing at POST and the token', async () => {
    const { base, files } = await setup();
    const before = files();
    for (const method of ['GET', 'HEAD', 'PUT', 'DELETE', 'PATCH']) {
      const response = await send(base, { method, path: '/api/clear?all=true', headers: AUTH });
      expect(response.status, method).toBe(405);
      expect(response.headers['allow']).toBe('POST');
      if (method !== 'HEAD') expect(expectRefusal(response, 405)).toMatch(/POST with the token/);
    }
    expect(files()).toEqual(before);
  });

  it('refuses a request without the token with 401', async () => {
    const { clear, files } = await setup();
    const before = files();
    const response = await clear({ all: true }, JSON_TYPE);
    expect(expectRefusal(response, 401)).toMatch(/token/);
    expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(files()).toEqual(before);
  });

  it('refuses a wrong token, a token of another length and a token in the URL or body', async () => {
    const { clear, files } = await setup();
    const before = files();
    for (const token of ['wrong', `${TEST_TOKEN}x`, TEST_TOKEN.slice(0, -1), TEST_TOKEN.toUpperCase()]) {
      expectRefusal(await clear({ all: true }, { ...JSON_TYPE, Authorization: `Bearer ${token}` }), 403);
      expectRefusal(await clear({ all: true }, { ...JSON_TYPE, 'X-StreamGank-Token': token }), 403);
    }
    expectRefusal(await clear({ all: true }, { ...JSON_TYPE, Authorization: `Basic ${TEST_TOKEN}` }), 401);
    expectRefusal(await clear({ all: true }, JSON_TYPE, `/api/clear?token=${TEST_TOKEN}`), 401);
    expectRefusal(await clear({ all: true, token: TEST_TOKEN }, JSON_TYPE), 401);
    expect(files()).toEqual(before);
  });

  it('refuses bodies that are not a JSON object it understands', async () => {
    const { clear, files, fixture } = await setup();
    const before = files();
    const form = { ...AUTH, 'Content-Type': 'application/x-www-form-urlencoded' };
    expectRefusal(await clear('all=true', form), 415);
    expectRefusal(await clear('{"all": true}', { ...AUTH, 'Content-Type': 'text/plain' }), 415);
    expectRefusal(await clear('{"all": tru', AUTH), 400);
    expectRefusal(await clear([{ all: true }]), 400);
    expectRefusal(await clear('null'), 400);
    expect(expectRefusal(await clear({}), 400)).toMatch(/"all": true/);
    expect(expectRefusal(await clear({ filter: {} }), 400)).toMatch(/"all": true/);
    expect(expectRefusal(await clear({ filter: { type: 'assets' } }), 400)).toMatch(/Unknown filter "type"/);
    expect(expectRefusal(await clear({ filter: { data_type: 7 } }), 400)).toMatch(/non-empty string/);
    expect(expectRefusal(await clear({ filter: { status: 'broken' } }), 400)).toMatch(/Unknown status/);
    expect(expectRefusal(await clear({ filter: { older_than: 'a while' } }), 400)).toMatch(/older_than/);
    expectRefusal(await clear({ filter: 'data_type=assets' }), 400);
    expectRefusal(await clear({ all: 'yes' }), 400);
    expectRefusal(await clear({ everything: true }), 400);
    expectRefusal(await clear({ file: fixture.files.script, filter: { country: 'US' } }), 400);
    expectRefusal(await clear({ all: true, padding: 'x'.repeat(20_000) }), 413);
    expect(files()).toEqual(before);
  });

  it('refuses a file that is not an entry name, and answers 404 for one not in the cache', async () => {
    const { clear, files } = await setup();
    const before = files();
    for (const file of [
      '../package.json',
      '..%2fpackage.json',
      '..\\package.json',
      '/etc/passwd',
      '.streamgank/index.json',
      'blobs',
      7,
    ]) {
      expect(expectRefusal(await clear({ file }), 400)).toMatch(/entry file name/);
    }
    expect(expectRefusal(await clear({ file: 'script_result_it_horror_netflix.json' }), 404)).toContain(
      'script_result_it_horror_netflix.json',
    );
    expect(files()).toEqual(before);
  });
});

describe('POST /api/clear with the token', () => {
  it('clears one entry and the blobs only it used', async () => {
    const { clear, files, fixture, base } = await setup();
    ageBlobs(fixture.dir, 3_600_000);
    const response = await clear({ file: fixture.files.assets });
    expect(response.status).toBe(200);
    const result = response.json() as Removal;
    expect(result.removed).toEqual([fixture.files.assets]);
    expect(result.removed_count).toBe(1);
    expect(result.removed_blobs.sort()).toEqual([fixture.poster.sha256, fixture.clip.sha256].sort());
    expect(result.freed_bytes).toBeGreaterThan(fixture.posterBytes.length + fixture.clipBytes.length);
    expect(files()).not.toContain(fixture.files.assets);
    expect(files()).toHaveLength(6);
    expectRefusal(await send(base, { path: `/blobs/${fixture.poster.sha256}` }), 404);
    const stats = (await send(base, { path: '/api/stats' })).json() as { total_files: number; blob_count: number };
    expect(stats).toMatchObject({ total_files: 6, blob_count: 0 });
  });

  it('accepts the token in X-StreamGank-Token too', async () => {
    const { clear, files, fixture } = await setup();
    const response = await clear({ file: fixture.files.legacy }, { ...JSON_TYPE, 'X-StreamGank-Token': TEST_TOKEN });
    expect(response.status).toBe(200);
    expect(files()).not.toContain(fixture.files.legacy);
  });

  it('clears a filtered set, matched on metadata like the table filters', async () => {
    const { clear, files, fixture } = await setup();
    const response = await clear({ filter: { data_type: 'script_result', country: 'us' } });
    expect((response.json() as Removal).removed.sort()).toEqual([fixture.files.legacy, fixture.files.script].sort());
    expect(files()).toEqual(
      [
        fixture.files.assets,
        fixture.files.frScript,
        fixture.files.movies,
        fixture.files.stale,
        fixture.files.corrupt,
      ].sort(),
    );
  });

  it('shows what would go with dry_run, and removes nothing', async () => {
    const { clear, files, fixture } = await setup();
    const before = files();
    const result = (await clear({ filter: { status: 'stale' }, dry_run: true })).json() as Removal;
    expect(result).toMatchObject({ removed: [fixture.files.stale], dry_run: true });
    expect(files()).toEqual(before);
  });

  it('clears everything only when asked with "all": true', async () => {
    const { clear, files } = await setup();
    const result = (await clear({ all: true })).json() as Removal;
    expect(result.removed_count).toBe(7);
    expect(files()).toEqual([]);
  });

  it('clears one corrupt file among several by its name, and only that one', async () => {
    const { clear, files, fixture } = await setup();
    writeFileSync(join(fixture.dir, 'assets_gb_drama_netflix.json'), 'not json');
    writeFileSync(join(fixture.dir, 'assets_gb_comedy_netflix.json'), 'not json either');
    const corrupt = [fixture.files.corrupt, 'assets_gb_comedy_netflix.json', 'assets_gb_drama_netflix.json'];
    const preview = (await clear({ file: 'assets_gb_drama_netflix.json', dry_run: true })).json() as Removal;
    expect(preview).toMatchObject({ removed: ['assets_gb_drama_netflix.json'], dry_run: true, removed_count: 1 });
    expect(files()).toEqual(expect.arrayContaining(corrupt));

    const response = await clear({ file: 'assets_gb_drama_netflix.json' });
    expect(response.status).toBe(200);
    expect(response.json()).toMatchObject({
      removed: ['assets_gb_drama_netflix.json'],
      removed_blobs: [],
      dry_run: false,
      removed_count: 1,
    });
    expect(files()).not.toContain('assets_gb_drama_netflix.json');
    expect(files()).toEqual(expect.arrayContaining([fixture.files.corrupt, 'assets_gb_comedy_netflix.json']));
    expect(files()).toHaveLength(8);

    expect((await clear({ file: fixture.files.corrupt })).json()).toMatchObject({ removed: [fixture.files.corrupt] });
    expect(files().filter((file) => corrupt.includes(file))).toEqual(['assets_gb_comedy_netflix.json']);
    expectRefusal(await clear({ file: fixture.files.corrupt }), 404);
  });
});
