import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CacheStats } from '@streamgank/cache';
import { startDashboard, type RunningDashboard } from './index.js';
import { buildFixtureCache, openCache, type FixtureCache } from './test-support/fixture-cache.js';
import { systemRequirement } from './test-support/system.js';

// Overridable so that the skip-or-fail rule can itself be checked on a machine that has Chromium.
const CHROMIUM = process.env['STREAMGANK_CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/** Screenshots land here (git-ignored) for a person to look at after the run. */
export const ARTIFACTS = fileURLToPath(new URL('../test-artifacts/', import.meta.url));

const chromiumRequirement = systemRequirement(
  'Chromium',
  existsSync(CHROMIUM),
  `${CHROMIUM} is missing; install it with "apt-get install -y chromium"`,
);

describe.skipIf(chromiumRequirement.skip)('the dashboard page in Chromium', () => {
  let workDir: string;
  let fixture: FixtureCache;
  let dashboard: RunningDashboard;
  let browser: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];

  const stats = (): CacheStats => openCache(fixture.dir).stats();
  const rows = () => page.locator('#entries-table tbody tr');
  const rowFiles = async () => rows().evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset['file'] ?? ''));
  const totalValue = (id: string) => page.locator(`#${id}`).getAttribute('data-value');

  beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), 'streamgank-dashboard-browser-'));
    mkdirSync(join(workDir, 'cache'));
    fixture = await buildFixtureCache(join(workDir, 'cache'));
    dashboard = await startDashboard({ cacheDir: fixture.dir, port: 0 });
    browser = await chromium.launchPersistentContext(join(workDir, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1280, height: 900 },
    });
    page = browser.pages()[0] ?? (await browser.newPage());
    page.on('pageerror', (error) => pageErrors.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(`console: ${message.text()}`);
    });
    await page.goto(dashboard.url);
    await page.waitForFunction(() => document.querySelectorAll('#entries-table tbody tr').length === 7, undefined, { timeout: 10_000 });
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
    expect(await page.locator('#total-time-saved').textContent()).toBe('2 min 37 s');
    expect(await totalValue('total-money-saved')).toBe(String(expected.cost_saved_usd));
    expect(await page.locator('#total-money-saved').textContent()).toBe('$0.0063');
    expect(await totalValue('total-last-activity')).toBe(String(expected.last_activity_timestamp));
    expect(await page.locator('#total-entries-sub').textContent()).toBe('4 ok · 1 legacy · 1 stale · 1 corrupt');
  });

  it('draws size and count by data type, and hits and misses over time', async () => {
    const expected = stats();
    const bars = await page.locator('#chart-size .bar-row').evaluateAll((groups) =>
      groups.map((g) => [(g as SVGElement).dataset['label'], Number((g as SVGElement).dataset['value'])]),
    );
    expect(Object.fromEntries(bars)).toEqual(Object.fromEntries(Object.entries(expected.data_types).map(([type, t]) => [type, t.size_bytes])));
    const counts = await page.locator('#chart-count .bar-row').evaluateAll((groups) =>
      groups.map((g) => [(g as SVGElement).dataset['label'], Number((g as SVGElement).dataset['value'])]),
    );
    expect(Object.fromEntries(counts)).toEqual(Object.fromEntries(Object.entries(expected.data_types).map(([type, t]) => [type, t.count])));
    expect(await page.locator('#chart-activity rect.series-hit').count()).toBeGreaterThan(0);
    expect(await page.locator('#chart-activity rect.series-miss').count()).toBeGreaterThan(0);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard.png'), fullPage: true });
  });

  it('filters and sorts the table', async () => {
    await page.selectOption('#filter-data_type', 'script_result');
    expect((await rowFiles()).sort()).toEqual([fixture.files.frScript, fixture.files.legacy, fixture.files.script].sort());
    await page.selectOption('#filter-country', 'US');
    expect((await rowFiles()).sort()).toEqual([fixture.files.legacy, fixture.files.script].sort());
    expect(await page.locator('#entries-count').textContent()).toBe('(2 of 7)');
    await page.click('#filter-reset');
    await page.selectOption('#filter-status', 'corrupt');
    expect(await rowFiles()).toEqual([fixture.files.corrupt]);
    await page.click('#filter-reset');
    expect(await rows().count()).toBe(7);

    await page.click('th[data-sort="size"] button');
    const sizes = await page.locator('#entries-table tbody tr td:nth-child(6)').evaluateAll((cells) => cells.map((c) => c.getAttribute('title')));
    expect(sizes).toHaveLength(7);
    expect((await rowFiles()).at(-1)).toBe(fixture.files.assets);
    expect(await page.getAttribute('th[data-sort="size"]', 'aria-sort')).toBe('ascending');
    await page.click('th[data-sort="size"] button');
    expect((await rowFiles())[0]).toBe(fixture.files.assets);
  });

  it("opens an entry's detail with its poster loaded and its clip playable", async () => {
    await page.click(`tr[data-file="${fixture.files.assets}"]`);
    const dialog = page.locator('#detail-dialog');
    await expect.poll(() => dialog.evaluate((d) => (d as HTMLDialogElement).open)).toBe(true);
    expect(await page.locator('#detail-title').textContent()).toBe(fixture.files.assets);
    const poster = page.locator('#detail-media img');
    await expect.poll(() => poster.evaluate((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth)).toBe(120);
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
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-detail.png') });
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
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-clear-refused.png') });
    expect(openCache(fixture.dir).list().files.map((f) => f.filename)).toContain(fixture.files.script);
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
    expect(openCache(fixture.dir).list().files.map((f) => f.filename)).not.toContain(fixture.files.script);
    await expect.poll(() => rowFiles()).not.toContain(fixture.files.script);
    const expected = stats();
    expect(expected.total_files).toBe(6);
    await expect.poll(() => totalValue('total-entries')).toBe('6');
    expect(await totalValue('total-size')).toBe(String(expected.total_size_bytes));
    expect(await page.locator('#detail-dialog').evaluate((d) => (d as HTMLDialogElement).open)).toBe(false);
  });

  it('clears the filtered set shown, and only that', async () => {
    await page.selectOption('#filter-data_type', 'movie_data');
    expect(await page.locator('#clear-shown').textContent()).toBe('Clear 1 shown…');
    await page.click('#clear-shown');
    expect(await page.locator('#clear-list').textContent()).toContain(fixture.files.movies);
    await page.click('#clear-confirm');
    await expect.poll(() => page.locator('#banner').textContent()).toMatch(/^Cleared 1 entry, freed \d+ B\.$/);
    await page.click('#filter-reset');
    await expect.poll(() => totalValue('total-entries')).toBe('5');
    expect(openCache(fixture.dir).list().files.map((f) => f.filename)).not.toContain(fixture.files.movies);
  });

  it('refreshes by itself when the cache changes', async () => {
    const cache = openCache(fixture.dir);
    cache.save('script_result', { country: 'JP', genre: 'Anime', platform: 'Crunchyroll' }, { scripts: ['こんにちは'] }, { producer: 'local-writer' });
    await expect.poll(() => totalValue('total-entries'), { timeout: 10_000 }).toBe('6');
    await expect.poll(() => rowFiles()).toContain('script_result_jp_anime_crunchyroll.json');
    expect(await totalValue('total-entries')).toBe(String(stats().total_files));
  });

  it('ran without script errors or blocked resources, apart from the two refused clears', () => {
    const refusals = pageErrors.filter((text) => /status of (401|403)/.test(text));
    expect(refusals).toHaveLength(2);
    expect(pageErrors.filter((text) => !refusals.includes(text))).toEqual([]);
  });
});
