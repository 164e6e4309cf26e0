import { describe, expect, it } from 'vitest';
import type { ListedEntry } from '@streamgank/cache';
import { syntheticEntries, tempDir } from '@streamgank/testing';
import { expectRefusal } from './test-support/assertions.js';
import { openCache, settleCacheDirectory } from './test-support/fixture-cache.js';
import { fixtureDashboard, startForTest } from './test-support/fixture-dashboard.js';
import { send } from './test-support/http-client.js';

interface EntriesPage {
  files: ListedEntry[];
  page: number;
  page_size: number;
  page_count: number;
  filtered_count: number;
  total_count: number;
  sort: string;
  direction: string;
  choices: Record<'data_type' | 'country' | 'genre' | 'platform', string[]>;
}

const SORT_KEYS = ['age', 'file', 'data_type', 'country', 'genre', 'platform', 'size', 'producer', 'status'];

/** A dashboard over `count` entries saved through the cache API. */
async function syntheticDashboard(count: number) {
  const dir = tempDir();
  const cache = openCache(dir);
  for (const entry of syntheticEntries(count)) cache.save(entry.dataType, entry.parameters, entry.data, entry.options);
  const dashboard = await startForTest({ cacheDir: dir });
  const page = async (query = '') => {
    const response = await send(dashboard.url, { path: `/api/entries${query ? `?${query}` : ''}` });
    expect(response.status, query).toBe(200);
    return response.json() as EntriesPage;
  };
  return { dir, cache, base: dashboard.url, page };
}

const names = (listing: EntriesPage) => listing.files.map((file) => file.filename);

describe('GET /api/entries: pages', () => {
  it('cuts the entries into pages that together hold each entry once, newest first', async () => {
    const { cache, page } = await syntheticDashboard(23);
    const first = await page('page_size=5');
    expect(first).toMatchObject({ page: 1, page_size: 5, page_count: 5, filtered_count: 23, total_count: 23 });
    const pages = [first, ...(await Promise.all([2, 3, 4, 5].map((n) => page(`page_size=5&page=${n}`))))];
    expect(pages.map((listing) => listing.files.length)).toEqual([5, 5, 5, 5, 3]);
    expect(pages.flatMap(names)).toEqual(cache.list().files.map((file) => file.filename));
  });

  it('sends 50 entries by default, up to 500 when asked, and the last page for a page past the end', async () => {
    const { page } = await syntheticDashboard(520);
    const byDefault = await page();
    expect(byDefault).toMatchObject({ page: 1, page_size: 50, page_count: 11, filtered_count: 520 });
    expect(byDefault.files).toHaveLength(50);
    const largest = await page('page_size=500&page=2');
    expect(largest).toMatchObject({ page: 2, page_count: 2 });
    expect(largest.files).toHaveLength(20);
    const pastTheEnd = await page('page=999');
    expect(pastTheEnd).toMatchObject({ page: 11, page_count: 11 });
    expect(pastTheEnd.files).toHaveLength(20);
  });

  it('answers an empty cache with one empty page', async () => {
    const { page } = await syntheticDashboard(0);
    expect(await page('page=3')).toMatchObject({
      files: [],
      page: 1,
      page_count: 1,
      filtered_count: 0,
      total_count: 0,
      choices: { data_type: [], country: [], genre: [], platform: [] },
    });
  });

  it('refuses a page or a page size it cannot serve, saying what to send', async () => {
    const { base } = await fixtureDashboard();
    const refused = async (query: string) => expectRefusal(await send(base, { path: `/api/entries?${query}` }), 400);
    for (const query of ['page=0', 'page=-1', 'page=1.5', 'page=two', 'page=', 'page=1e3', 'page=99999999999999999']) {
      expect(await refused(query), query).toMatch(/"page" must be a whole number 1 or more/);
    }
    for (const query of ['page_size=0', 'page_size=501', 'page_size=ten', 'page_size=']) {
      expect(await refused(query), query).toMatch(/"page_size" must be a whole number from 1 to 500/);
    }
    expect(await refused('page=1&page=2')).toMatch(/"page" is given twice/);
  });
});

describe('GET /api/entries: sorting', () => {
  it('sorts by every column both ways, ties in file name order', async () => {
    const { cache, page } = await syntheticDashboard(60);
    const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
    const value: Record<string, (entry: ListedEntry) => string | number> = {
      age: (entry) => -entry.saved_timestamp,
      file: (entry) => entry.filename,
      data_type: (entry) => entry.data_type,
      country: (entry) => entry.parameters.country,
      genre: (entry) => entry.parameters.genre,
      platform: (entry) => entry.parameters.platform,
      size: (entry) => entry.size_bytes + entry.blob_bytes,
      producer: (entry) => entry.producer ?? '',
      status: (entry) => ['ok', 'legacy', 'stale', 'corrupt'].indexOf(entry.status),
    };
    const compare = (a: string | number, b: string | number) =>
      typeof a === 'number' && typeof b === 'number' ? a - b : collator.compare(String(a), String(b));
    for (const key of SORT_KEYS) {
      const valueOf = value[key] as (entry: ListedEntry) => string | number;
      for (const direction of ['asc', 'desc']) {
        const listing = await page(`sort=${key}&direction=${direction}&page_size=500`);
        expect(listing).toMatchObject({ sort: key, direction });
        const sign = direction === 'asc' ? 1 : -1;
        const expected = [...cache.list().files].sort(
          (a, b) => sign * compare(valueOf(a), valueOf(b)) || (key === 'file' ? 0 : a.filename < b.filename ? -1 : 1),
        );
        expect(names(listing), `${key} ${direction}`).toEqual(expected.map((entry) => entry.filename));
      }
    }
    // The columns really differ: a sort that changed nothing would pass the loop above too.
    expect(names(await page('sort=genre&page_size=500'))).not.toEqual(names(await page('sort=country&page_size=500')));
  });

  it('pages through a sorted listing without losing or repeating an entry', async () => {
    const { page } = await syntheticDashboard(45);
    const whole = names(await page('sort=genre&direction=desc&page_size=500'));
    const paged = [];
    for (let n = 1; n <= 5; n += 1)
      paged.push(...names(await page(`sort=genre&direction=desc&page_size=10&page=${n}`)));
    expect(paged).toEqual(whole);
  });

  it('sorts text as people read it: case and accents aside', async () => {
    const { base, fixture } = await fixtureDashboard();
    fixture.cache.save('script_result', { country: 'fr', genre: 'Éclair', platform: 'Arte' }, { scripts: [] });
    fixture.cache.save('script_result', { country: 'fr', genre: 'drama', platform: 'Arte' }, { scripts: [] });
    const listing = (
      await send(base, { path: '/api/entries?sort=genre&data_type=script_result' })
    ).json() as EntriesPage;
    expect(listing.files.map((file) => file.parameters.genre)).toEqual([
      'Comédie',
      'drama',
      'Drama',
      'Éclair',
      'Horror',
    ]);
  });

  it('refuses a sort or direction it does not know, naming the ones it does', async () => {
    const { base } = await fixtureDashboard();
    expect(expectRefusal(await send(base, { path: '/api/entries?sort=path' }), 400)).toBe(
      `Unknown sort "path": use ${SORT_KEYS.join(', ')}.`,
    );
    expect(expectRefusal(await send(base, { path: '/api/entries?direction=up' }), 400)).toBe(
      'Unknown direction "up": use asc, desc.',
    );
  });
});

describe('GET /api/entries: filters and search', () => {
  it('filters by each of type, country, genre, platform, status and age, counting what matched', async () => {
    const { base, fixture } = await fixtureDashboard();
    const files = async (query: string) => {
      const listing = (await send(base, { path: `/api/entries?${query}` })).json() as EntriesPage;
      expect(listing.total_count, query).toBe(7);
      expect(listing.filtered_count, query).toBe(listing.files.length);
      return names(listing).sort();
    };
    const { script, assets, frScript, movies, legacy, stale, corrupt } = fixture.files;
    expect(await files('data_type=script_result')).toEqual([frScript, legacy, script].sort());
    expect(await files('country=Us')).toEqual([assets, legacy, movies, script].sort());
    expect(await files('genre=action%20%26%20aventure')).toEqual([movies]);
    expect(await files('platform=PRIME')).toEqual([frScript]);
    expect(await files('status=stale')).toEqual([stale]);
    expect(await files('status=corrupt')).toEqual([corrupt]);
    expect(await files('older_than=30d')).toEqual([legacy]);
    expect(await files('country=us&genre=horror&data_type=assets')).toEqual([assets]);
  });

  it('searches file names: any case, spaces standing for underscores, with the other filters', async () => {
    const { base, fixture } = await fixtureDashboard();
    const files = async (query: string) =>
      names((await send(base, { path: `/api/entries?${query}` })).json() as EntriesPage).sort();
    const { script, assets, corrupt } = fixture.files;
    expect(await files('search=HORROR_net')).toEqual([assets, corrupt, script].sort());
    expect(await files('search=us%20horror')).toEqual([assets, script].sort());
    expect(await files('search=horror&status=ok')).toEqual([assets, script].sort());
    expect(await files('search=gb_horror')).toEqual([corrupt]);
    expect(await files('search=nothing-like-this')).toEqual([]);
  });

  it('lists the values each filter can take, one spelling per value however entries spell it', async () => {
    const { base, fixture } = await fixtureDashboard();
    fixture.cache.save('assets', { country: 'us', genre: 'HORROR', platform: 'netflix' }, { n: 1 }, {});
    const { choices } = (await send(base, { path: '/api/entries?status=legacy' })).json() as EntriesPage;
    expect(choices.data_type).toEqual(['assets', 'movie_data', 'narration', 'script_result', 'unknown']);
    expect(choices.country.map((value) => value.toLowerCase())).toEqual(['de', 'fr', 'us']);
    expect(choices.genre.map((value) => value.toLowerCase())).toEqual([
      'action & aventure',
      'comédie',
      'drama',
      'horror',
      'thriller',
    ]);
    expect(choices.platform.map((value) => value.toLowerCase())).toEqual(['disney', 'hbo', 'netflix', 'prime']);
  });

  it('refuses an empty or overlong search and filters it cannot read', async () => {
    const { base } = await fixtureDashboard();
    const refused = async (query: string) => expectRefusal(await send(base, { path: `/api/entries?${query}` }), 400);
    expect(await refused('search=')).toMatch(/"search" must not be empty/);
    expect(await refused('search=%20%20')).toMatch(/"search" must not be empty/);
    expect(await refused(`search=${'a'.repeat(201)}`)).toMatch(/at most 200 characters/);
    expect(await refused('status=broken')).toMatch(/ok, legacy, stale, edited, corrupt/);
    expect(await refused('genre=')).toMatch(/non-empty/);
    expect(await refused('search=a&search=b')).toMatch(/"search" is given twice/);
  });
});

describe('ETag and If-None-Match', () => {
  const tagged = async (base: string, path: string, etag?: string) =>
    send(base, { path, headers: etag ? { 'If-None-Match': etag } : {} });

  /** The fixture as a dashboard finds a cache nobody wrote to for a while: its first listing marks it settled. */
  async function settledDashboard() {
    const context = await fixtureDashboard();
    settleCacheDirectory(context.fixture.dir);
    await send(context.base, { path: '/api/entries' });
    return context;
  }

  it('answers 304 with no body while the entries stay the same, even as hits are recorded', async () => {
    const { base, fixture } = await settledDashboard();
    const path = '/api/entries?sort=size&page_size=3';
    const first = await tagged(base, path);
    const etag = String(first.headers['etag']);
    expect(etag).toMatch(/^"e-[0-9a-f]{16}-[\w-]+"$/);
    expect(first.headers['cache-control']).toBe('private, no-cache');
    const again = await tagged(base, path, etag);
    expect(again.status).toBe(304);
    expect(again.body).toHaveLength(0);
    expect(again.headers['etag']).toBe(etag);
    expect(again.headers['content-security-policy']).toContain("default-src 'self'");

    const stats = await tagged(base, '/api/stats');
    const version = await tagged(base, '/api/version');
    const hit = fixture.cache.load(
      'script_result',
      { country: 'US', genre: 'Horror', platform: 'Netflix' },
      { inputs: { num_movies: 3, model: 'gpt-4o-mini', prompt_version: 2 } },
    );
    expect(hit.status).toBe('hit');
    expect((await tagged(base, path, etag)).status).toBe(304);
    expect((await tagged(base, '/api/stats', String(stats.headers['etag']))).status).toBe(200);
    expect((await tagged(base, '/api/version', String(version.headers['etag']))).status).toBe(200);
  });

  it('answers 304 to a poll of /api/version and /api/stats while nothing changes', async () => {
    const { base } = await settledDashboard();
    for (const path of ['/api/version', '/api/stats']) {
      const first = await tagged(base, path);
      const etag = String(first.headers['etag']);
      const second = await tagged(base, path, etag);
      expect(second.status, path).toBe(304);
      expect(second.body, path).toHaveLength(0);
      expect((await tagged(base, path, `W/${etag}`)).status, 'weak comparison').toBe(304);
      expect((await tagged(base, path, `"other", ${etag}`)).status, 'a list').toBe(304);
      expect((await tagged(base, path, '*')).status, '*').toBe(304);
      expect((await tagged(base, path, '"something-else"')).status).toBe(200);
    }
  });

  it('sends the new page when an entry is written, removed or found stale', async () => {
    const { base, fixture } = await fixtureDashboard();
    const path = '/api/entries';
    let response = await tagged(base, path);
    const refetch = async () => {
      const next = await tagged(base, path, String(response.headers['etag']));
      expect(next.status).toBe(200);
      response = next;
      return response.json() as EntriesPage;
    };
    fixture.cache.save('script_result', { country: 'IT', genre: 'Horror', platform: 'Netflix' }, { scripts: [] });
    expect(names(await refetch())).toContain('script_result_it_horror_netflix.json');
    fixture.cache.clear({ country: 'IT' });
    expect(names(await refetch())).not.toContain('script_result_it_horror_netflix.json');
    const script = { country: 'US', genre: 'Horror', platform: 'Netflix' };
    expect(fixture.cache.load('script_result', script, { inputs: { num_movies: 9 } }).status).toBe('stale');
    const listing = await refetch();
    expect(listing.files.find((file) => file.filename === fixture.files.script)?.status).toBe('stale');
  });

  it('tags each page apart, and a filter on age by what it found (it changes as time passes)', async () => {
    const { base } = await settledDashboard();
    const etag = async (path: string) => String((await tagged(base, path)).headers['etag']);
    const pages = await Promise.all(
      ['?page_size=2', '?page_size=2&page=2', '?sort=genre'].map((q) => etag(`/api/entries${q}`)),
    );
    expect(new Set(pages).size).toBe(3);
    const aged = await etag('/api/entries?older_than=30d');
    expect(aged).toMatch(/^"c-[\w-]+"$/);
    expect((await tagged(base, '/api/entries?older_than=30d', aged)).status).toBe(304);
    expect(await etag('/api/entries?older_than=3650d')).not.toBe(aged);
  });
});
