import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CacheStats } from '@streamgank/cache';
import { startDashboard, type RunningDashboard } from './index.js';
import { chromiumRequirement, launchChromium, saveScreenshot } from '@streamgank/testing';
import { ARTIFACTS } from './test-support/artifacts.js';
import { addEarlierActivity, buildFixtureCache, openCache, type FixtureCache } from './test-support/fixture-cache.js';

const { skip } = chromiumRequirement();

type Hour = CacheStats['hourly'][string];
const lookups = (hour: Hour) => hour.hit + hour.miss + hour.stale + hour.corrupt;

/** The lengths of the runs of back-to-back hours among `starts` (epoch ms of each hour's start). */
function runsOfConsecutiveHours(starts: number[]): number[] {
  const runs: number[] = [];
  [...starts]
    .sort((a, b) => a - b)
    .forEach((start, index, sorted) => {
      if (index > 0 && start - (sorted[index - 1] ?? 0) === 3_600_000) runs[runs.length - 1] = (runs.at(-1) ?? 0) + 1;
      else runs.push(1);
    });
  return runs;
}

/** `[data-start, data-value]` of every element matching `selector`, as numbers. */
async function startsAndValues(page: Page, selector: string): Promise<[number, number][]> {
  return page
    .locator(selector)
    .evaluateAll((elements) =>
      elements.map(
        (e) =>
          [Number((e as SVGElement).dataset['start']), Number((e as SVGElement).dataset['value'])] as [number, number],
      ),
    );
}

describe.skipIf(skip)('the dashboard page in Chromium', () => {
  let workDir: string;
  let fixture: FixtureCache;
  let dashboard: RunningDashboard;
  let browser: BrowserContext;
  let page: Page;
  let pageErrors: string[];

  const stats = (): CacheStats => openCache(fixture.dir).stats();
  const rows = () => page.locator('#entries-table tbody tr');
  const rowFiles = async () => rows().evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset['file'] ?? ''));
  const totalValue = (id: string) => page.locator(`#${id}`).getAttribute('data-value');

  beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), 'streamgank-dashboard-browser-'));
    mkdirSync(join(workDir, 'cache'));
    fixture = await buildFixtureCache(join(workDir, 'cache'));
    addEarlierActivity(fixture.dir);
    dashboard = await startDashboard({ cacheDir: fixture.dir, port: 0, env: {} });
    ({ browser, page, pageErrors } = await launchChromium(join(workDir, 'profile')));
    await page.goto(dashboard.url);
    await page.waitForFunction(() => document.querySelectorAll('#entries-table tbody tr').length === 7, undefined, {
      timeout: 10_000,
    });
  });

  afterAll(async () => {
    await browser?.close();
    await dashboard?.close();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  it('shows the same totals as the cache stats (`streamgank cache stats --json`)', async () => {
    const expected = stats();
    expect(await totalValue('total-entries')).toBe(String(expected.total_files));
    expect(await page.locator('#total-entries').textContent()).toBe(String(expected.total_files));
    expect(await totalValue('total-size')).toBe(String(expected.total_size_bytes));
    expect(await totalValue('total-hit-rate')).toBe(String(expected.hit_rate));
    expect(await page.locator('#total-hit-rate').textContent()).toBe(`${((expected.hit_rate ?? 0) * 100).toFixed(1)}%`);
    expect(await totalValue('total-time-saved')).toBe(String(expected.time_saved_ms));
    expect(await page.locator('#total-time-saved').textContent()).toBe('3 min 38 s');
    expect(await totalValue('total-money-saved')).toBe(String(expected.cost_saved_usd));
    expect(await page.locator('#total-money-saved').textContent()).toBe('$0.0084');
    expect(await totalValue('total-last-activity')).toBe(String(expected.last_activity_timestamp));
    expect(await page.locator('#total-entries-sub').textContent()).toBe('4 ok · 1 legacy · 1 stale · 1 corrupt');
    expect(await page.locator('#total-hit-rate-sub').textContent()).toBe('7 hits · 4 misses · 1 stale/corrupt');
    // The size counts the file that is not an entry, and says so.
    expect(expected.foreign_files).toBe(1);
    expect(await page.locator('#total-size-sub').textContent()).toMatch(/ · 1 other file \d+ B \(not entries\)$/);
  });

  it('draws size and count by data type, the corrupt file named for what it is', async () => {
    const expected = stats();
    const bars = await page
      .locator('#chart-size .bar-row')
      .evaluateAll((groups) =>
        groups.map((g) => [(g as SVGElement).dataset['label'], Number((g as SVGElement).dataset['value'])]),
      );
    expect(Object.fromEntries(bars)).toEqual(
      Object.fromEntries(Object.entries(expected.data_types).map(([type, t]) => [type, t.size_bytes])),
    );
    const counts = await page
      .locator('#chart-count .bar-row')
      .evaluateAll((groups) =>
        groups.map((g) => [(g as SVGElement).dataset['label'], Number((g as SVGElement).dataset['value'])]),
      );
    expect(Object.fromEntries(counts)).toEqual(
      Object.fromEntries(Object.entries(expected.data_types).map(([type, t]) => [type, t.count])),
    );
    expect(expected.data_types['unknown']?.count).toBe(expected.statuses.corrupt);
    for (const chart of ['#chart-size', '#chart-count']) {
      expect(await page.locator(`${chart} .bar-row[data-label="unknown"] .bar-label`).textContent()).toBe(
        'corrupt (unreadable)',
      );
    }
    expect(await page.locator('#chart-size').textContent()).not.toContain('unknown');
    expect(await page.locator('#filter-data_type option[value="unknown"]').textContent()).toBe('corrupt (unreadable)');
  });

  it('draws hits and misses, time saved and hit rate per hour, as stats().hourly says', async () => {
    const { hourly, time_saved_ms, hit_rate } = stats();
    const hours = Object.entries(hourly).map(([start, hour]) => [Number(start), hour] as const);
    // Every lookup is within the last day, so every column is one hour.
    expect(await page.locator('#chart-time-saved-range').textContent()).toBe('(last 24 hours, per hour)');

    const activity = await startsAndValues(page, '#chart-activity g.column');
    expect(activity).toHaveLength(24);
    expect(Object.fromEntries(activity.filter(([, value]) => value > 0))).toEqual(
      Object.fromEntries(hours.filter(([, hour]) => lookups(hour) > 0).map(([start, hour]) => [start, lookups(hour)])),
    );
    expect(await page.locator('#chart-activity rect.series-hit').count()).toBe(
      hours.filter(([, hour]) => hour.hit > 0).length,
    );
    expect(await page.locator('#chart-activity rect.series-miss').count()).toBe(
      hours.filter(([, hour]) => hour.miss > 0).length,
    );

    const saved = await startsAndValues(page, '#chart-time-saved g.column');
    expect(saved).toHaveLength(24);
    const savedHours = hours.filter(([, hour]) => hour.time_saved_ms > 0);
    expect(savedHours.length).toBeGreaterThanOrEqual(3);
    expect(Object.fromEntries(saved.filter(([, value]) => value > 0))).toEqual(
      Object.fromEntries(savedHours.map(([start, hour]) => [start, hour.time_saved_ms])),
    );
    expect(await page.locator('#chart-time-saved rect.saved').count()).toBe(savedHours.length);
    expect(saved.reduce((sum, [, value]) => sum + value, 0)).toBe(time_saved_ms);

    const points = await startsAndValues(page, '#chart-hit-rate circle.point');
    const lookedUp = hours.filter(([, hour]) => lookups(hour) > 0);
    expect(points).toHaveLength(lookedUp.length);
    expect(Object.fromEntries(points)).toEqual(
      Object.fromEntries(lookedUp.map(([start, hour]) => [start, hour.hit / lookups(hour)])),
    );
    expect(new Set(points.map(([, rate]) => rate)).size).toBeGreaterThanOrEqual(3);
    expect(await page.locator('#chart-hit-rate line.overall').count()).toBe(1);
    expect(await page.locator('#chart-hit-rate .legend').textContent()).toContain(
      `overall ${((hit_rate ?? 0) * 100).toFixed(1)}%`,
    );
    // Lines join neighbouring hours only: an hour without lookups has no rate to draw through.
    const lines = await page
      .locator('#chart-hit-rate polyline.rate-line')
      .evaluateAll((found) => found.map((l) => l.getAttribute('points')?.split(' ').length));
    expect(lines).toEqual(runsOfConsecutiveHours(lookedUp.map(([start]) => start)).filter((run) => run > 1));
    await saveScreenshot(page, ARTIFACTS, 'dashboard.png');
  });

  it('says the shared tier is not configured when no Redis was given', async () => {
    await expect.poll(() => page.locator('#shared-tier').getAttribute('data-state')).toBe('off');
    expect(await page.locator('#shared-state').textContent()).toBe('not configured');
    expect(await page.locator('#shared-figures').textContent()).toContain('--redis-url');
  });

  it('filters and sorts the table on the server', async () => {
    const sorted = async () => (await rowFiles()).sort();
    await page.selectOption('#filter-data_type', 'script_result');
    await expect.poll(sorted).toEqual([fixture.files.frScript, fixture.files.legacy, fixture.files.script].sort());
    await page.selectOption('#filter-country', 'US');
    await expect.poll(sorted).toEqual([fixture.files.legacy, fixture.files.script].sort());
    expect(await page.locator('#entries-count').textContent()).toBe('(2 of 7)');
    await page.click('#filter-reset');
    await expect.poll(() => rows().count()).toBe(7);
    await page.selectOption('#filter-status', 'corrupt');
    await expect.poll(rowFiles).toEqual([fixture.files.corrupt]);
    await page.click('#filter-reset');
    await expect.poll(() => rows().count()).toBe(7);

    await page.click('th[data-sort="size"] button');
    await expect.poll(() => page.getAttribute('th[data-sort="size"]', 'aria-sort')).toBe('ascending');
    expect((await rowFiles()).at(-1)).toBe(fixture.files.assets);
    await page.click('th[data-sort="size"] button');
    await expect.poll(async () => (await rowFiles())[0]).toBe(fixture.files.assets);
    expect(await page.getAttribute('th[data-sort="size"]', 'aria-sort')).toBe('descending');
    await page.click('th[data-sort="age"] button');
    await expect.poll(() => page.getAttribute('th[data-sort="age"]', 'aria-sort')).toBe('ascending');
  });

  it('searches file names as you type, asking the server once the typing pauses', async () => {
    const asked: string[] = [];
    const onRequest = (request: { url(): string }) => {
      const url = new URL(request.url());
      if (url.pathname === '/api/entries') asked.push(url.searchParams.get('search') ?? '');
    };
    page.on('request', onRequest);
    await page.locator('#filter-search').pressSequentially('horror_net', { delay: 20 });
    await expect
      .poll(() => rowFiles().then((files) => files.sort()))
      .toEqual([fixture.files.assets, fixture.files.corrupt, fixture.files.script].sort());
    page.off('request', onRequest);
    // Polls that found the cache changed may list entries meanwhile, with the search as it stood: none.
    expect(asked.filter((search) => search !== '')).toEqual(['horror_net']);
    expect(await page.locator('#entries-count').textContent()).toBe('(3 of 7)');
    expect(await page.locator('#clear-shown').isDisabled()).toBe(true);
    await page.click('#filter-reset');
    await expect.poll(() => rows().count()).toBe(7);
    expect(await page.locator('#filter-search').inputValue()).toBe('');
    expect(await page.locator('#clear-shown').isDisabled()).toBe(false);
  });

  it("opens an entry's detail with its poster loaded and its clip playable", async () => {
    await page.click(`tr[data-file="${fixture.files.assets}"]`);
    const dialog = page.locator('#detail-dialog');
    await expect.poll(() => dialog.evaluate((d) => (d as HTMLDialogElement).open)).toBe(true);
    expect(await page.locator('#detail-title').textContent()).toBe(fixture.files.assets);
    const poster = page.locator('#detail-media img');
    await expect
      .poll(() =>
        poster.evaluate((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth),
      )
      .toBe(120);
    expect(await poster.evaluate((img) => (img as HTMLImageElement).naturalHeight)).toBe(180);
    const clip = page.locator('#detail-media video');
    expect(await clip.getAttribute('src')).toBe(`/blobs/${fixture.clip.sha256}`);
    await expect.poll(() => clip.evaluate((video) => (video as HTMLVideoElement).videoWidth)).toBe(120);
    await clip.evaluate((video) => {
      const element = video as HTMLVideoElement;
      element.muted = true;
      return element.play();
    });
    await expect.poll(() => clip.evaluate((video) => (video as HTMLVideoElement).currentTime)).toBeGreaterThan(0.1);
    await clip.evaluate((video) => (video as HTMLVideoElement).pause());
    expect(await page.locator('#detail-data').textContent()).toContain(fixture.poster.sha256);
    expect(await page.locator('#detail-metadata').textContent()).toContain('ffmpeg');
    await saveScreenshot(page, ARTIFACTS, 'dashboard-detail.png', false);
    await page.click('#detail-close');
  });

  it('refuses a clear without the token, or with a wrong one, and keeps the entry', async () => {
    await page.click(`tr[data-file="${fixture.files.script}"]`);
    await page.click('#detail-clear');
    await page.fill('#clear-token', '');
    await page.click('#clear-confirm');
    await expect.poll(() => page.locator('#clear-error').textContent()).toMatch(/^Refused: .*token/);
    await page.fill('#clear-token', 'not-the-token');
    await page.click('#clear-confirm');
    await expect.poll(() => page.locator('#clear-error').textContent()).toMatch(/^Refused: Wrong token/);
    await saveScreenshot(page, ARTIFACTS, 'dashboard-clear-refused.png', false);
    expect(
      openCache(fixture.dir)
        .list()
        .files.map((f) => f.filename),
    ).toContain(fixture.files.script);
    await page.click('#clear-cancel');
    await page.click('#detail-close');
    expect(await rows().count()).toBe(7);
  });

  it('clears an entry with the token; the table and the totals update', async () => {
    await page.click(`tr[data-file="${fixture.files.script}"]`);
    await page.click('#detail-clear');
    await page.fill('#clear-token', dashboard.token);
    await page.click('#clear-confirm');
    await expect.poll(() => page.locator('#banner').textContent()).toMatch(/^Cleared 1 entry/);
    expect(
      openCache(fixture.dir)
        .list()
        .files.map((f) => f.filename),
    ).not.toContain(fixture.files.script);
    await expect.poll(() => rowFiles()).not.toContain(fixture.files.script);
    const expected = stats();
    expect(expected.total_files).toBe(6);
    await expect.poll(() => totalValue('total-entries')).toBe('6');
    expect(await totalValue('total-size')).toBe(String(expected.total_size_bytes));
    expect(await page.locator('#detail-dialog').evaluate((d) => (d as HTMLDialogElement).open)).toBe(false);
  });

  it('clears the filtered set shown, and only that', async () => {
    await page.selectOption('#filter-data_type', 'movie_data');
    await expect.poll(() => page.locator('#clear-shown').textContent()).toBe('Clear 1 shown…');
    await page.click('#clear-shown');
    expect(await page.locator('#clear-list').textContent()).toContain(fixture.files.movies);
    await page.click('#clear-confirm');
    await expect.poll(() => page.locator('#banner').textContent()).toMatch(/^Cleared 1 entry, freed \d+ B\.$/);
    await page.click('#filter-reset');
    await expect.poll(() => totalValue('total-entries')).toBe('5');
    expect(
      openCache(fixture.dir)
        .list()
        .files.map((f) => f.filename),
    ).not.toContain(fixture.files.movies);
  });

  it('refreshes by itself when the cache changes', async () => {
    const cache = openCache(fixture.dir);
    cache.save(
      'script_result',
      { country: 'JP', genre: 'Anime', platform: 'Crunchyroll' },
      { scripts: ['こんにちは'] },
      { producer: 'local-writer' },
    );
    await expect.poll(() => totalValue('total-entries'), { timeout: 10_000 }).toBe('6');
    await expect.poll(() => rowFiles()).toContain('script_result_jp_anime_crunchyroll.json');
    expect(await totalValue('total-entries')).toBe(String(stats().total_files));
  });

  it('clears one corrupt file of several from its row, leaving the others', async () => {
    writeFileSync(join(fixture.dir, 'assets_gb_drama_netflix.json'), 'not json');
    writeFileSync(join(fixture.dir, 'assets_gb_comedy_netflix.json'), 'not json either');
    await expect.poll(() => rowFiles(), { timeout: 10_000 }).toContain('assets_gb_comedy_netflix.json');
    await page.click('tr[data-file="assets_gb_drama_netflix.json"]');
    await expect.poll(() => page.locator('#detail-status').textContent()).toBe('corrupt');
    await page.click('#detail-clear');
    await page.fill('#clear-token', dashboard.token);
    await page.click('#clear-confirm');
    await expect.poll(() => page.locator('#banner').textContent()).toBe('Cleared 1 entry, freed 8 B.');
    await expect.poll(() => rowFiles()).not.toContain('assets_gb_drama_netflix.json');
    const left = openCache(fixture.dir)
      .list({ status: 'corrupt' })
      .files.map((file) => file.filename);
    expect(left.sort()).toEqual([fixture.files.corrupt, 'assets_gb_comedy_netflix.json'].sort());
    expect((await rowFiles()).filter((file) => file.startsWith('assets_gb_')).sort()).toEqual(left.sort());
  });

  it('ran without script errors or blocked resources, apart from the two refused clears', () => {
    const refusals = pageErrors.filter((text) => /status of (401|403)/.test(text));
    expect(refusals).toHaveLength(2);
    expect(pageErrors.filter((text) => !refusals.includes(text))).toEqual([]);
  });
});
