import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cache } from '@streamgank/cache';
import {
  chromiumRequirement,
  firstShownTimer,
  interleavedSamples,
  launchChromium,
  median,
  saveScreenshot,
  syntheticEntries,
} from '@streamgank/testing';
import { ARTIFACTS } from './test-support/artifacts.js';
import { openCache } from './test-support/fixture-cache.js';
import { startServeProcess, type ServeProcess } from './test-support/serve-process.js';

const { skip } = chromiumRequirement();

const FIRST_ROW = '#entries-table tbody tr';
/** Loads of each page measured, taken in turn: the medians compared are not swayed by one slow load. */
const ROUNDS = 7;

/** A cache of `count` entries saved through the cache API, served by the dashboard in its own process. */
async function servedCache(root: string, count: number): Promise<{ cache: Cache; serve: ServeProcess; url: string }> {
  const cache = openCache(join(root, `cache-${count}`));
  for (const entry of syntheticEntries(count)) cache.save(entry.dataType, entry.parameters, entry.data, entry.options);
  const serve = startServeProcess(['--port', '0', '--cache-dir', cache.directory]);
  return { cache, serve, url: (await serve.started).url };
}

describe.skipIf(skip)('the entries table over 10,000 entries, in Chromium', () => {
  let root: string;
  let small: Awaited<ReturnType<typeof servedCache>>;
  let large: Awaited<ReturnType<typeof servedCache>>;
  let browser: BrowserContext;
  let page: Page;
  let pageErrors: string[];

  const rows = () => page.locator(`${FIRST_ROW}`);
  const text = (selector: string) => page.locator(selector).textContent();

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'streamgank-dashboard-scale-'));
    small = await servedCache(root, 10);
    large = await servedCache(root, 10_000);
    ({ browser, page, pageErrors } = await launchChromium(join(root, 'profile')));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    for (const served of [small, large]) {
      served?.serve.child.kill('SIGTERM');
      await served?.serve.exited;
    }
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('puts the first rows on screen within 2x the time the same page takes over 10 entries', async () => {
    const timer = await firstShownTimer(page, FIRST_ROW);
    // The first load after start is timed apart: the dashboard reads the cache's index then.
    const firstLoad = { small: await timer.measure(small.url), large: await timer.measure(large.url) };
    const samples = await interleavedSamples(ROUNDS, {
      small: () => timer.measure(small.url),
      large: () => timer.measure(large.url),
    });
    const medians = { small: median(samples.small), large: median(samples.large) };
    process.stdout.write(
      `first row on screen, median of ${ROUNDS} (ms): 10 entries ${medians.small.toFixed(0)}, ` +
        `10,000 entries ${medians.large.toFixed(0)} (${(medians.large / medians.small).toFixed(2)}x); ` +
        `first loads ${firstLoad.small.toFixed(0)} and ${firstLoad.large.toFixed(0)}\n`,
    );
    expect(medians.large).toBeLessThanOrEqual(2 * medians.small);
  }, 300_000);

  it('shows one page of 50 rows and the counts of the whole cache', async () => {
    await page.goto(large.url);
    // Run alone, this is the dashboard's first listing of the cache: it reads the cache's index.
    await expect.poll(() => rows().count(), { timeout: 30_000 }).toBe(50);
    expect(await text('#entries-count')).toBe('(10,000)');
    expect(await text('#page-status')).toBe('Page 1 of 200');
    expect(await text('#page-rows')).toBe('Rows 1–50 of 10,000');
    expect(await page.locator('#total-entries').getAttribute('data-value')).toBe('10000');
    expect(await page.locator('#page-previous').isDisabled()).toBe(true);
    const newest = large.cache
      .list()
      .files.slice(0, 50)
      .map((file) => file.filename);
    expect(await rows().evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset['file']))).toEqual(newest);
    await saveScreenshot(page, ARTIFACTS, 'dashboard-10000.png');
  });

  it('turns pages, sorts and filters on the server, asking only for a page each time', async () => {
    await page.goto(large.url);
    await expect.poll(() => rows().count(), { timeout: 30_000 }).toBe(50);
    const entryResponses: Response[] = [];
    const listener = (response: Response) => {
      if (new URL(response.url()).pathname === '/api/entries') entryResponses.push(response);
    };
    page.on('response', listener);
    const firstFile = () => rows().first().getAttribute('data-file');
    await page.click('#page-next');
    await expect.poll(() => text('#page-rows')).toBe('Rows 51–100 of 10,000');
    expect(await firstFile()).toBe(large.cache.list().files[50]?.filename);
    await page.click('#page-last');
    await expect.poll(() => text('#page-status')).toBe('Page 200 of 200');
    expect(await rows().count()).toBe(50);
    expect(await page.locator('#page-next').isDisabled()).toBe(true);

    await page.click('th[data-sort="genre"] button');
    await expect.poll(() => text('#page-status')).toBe('Page 1 of 200');
    const genres = await page.locator(`${FIRST_ROW} td:nth-child(3)`).allTextContents();
    expect(new Set(genres)).toEqual(new Set(['Action & Adventure']));

    await page.selectOption('#filter-country', 'JP');
    await page.selectOption('#filter-platform', 'Hulu');
    const expected = large.cache.list({ country: 'JP', platform: 'Hulu' }).total_count;
    expect(expected).toBeGreaterThan(50);
    await expect.poll(() => text('#entries-count')).toBe(`(${expected} of 10,000)`);
    expect(await text('#clear-shown')).toBe(`Clear ${expected} shown…`);
    const countries = await page.locator(`${FIRST_ROW} td:nth-child(2)`).allTextContents();
    expect(new Set(countries)).toEqual(new Set(['JP']));

    await page.locator('#filter-search').fill('scroll_overlay');
    await expect
      .poll(() => text('#entries-count'))
      .toBe(
        `(${large.cache.list({ country: 'JP', platform: 'Hulu', dataType: 'scroll_overlay' }).total_count} of 10,000)`,
      );
    await page.click('#filter-reset');
    await expect.poll(() => text('#entries-count')).toBe('(10,000)');

    page.off('response', listener);
    const bodies = await Promise.all(
      entryResponses.map(async (response) => (response.status() === 304 ? 0 : (await response.body()).length)),
    );
    expect(bodies.length).toBeGreaterThanOrEqual(6);
    for (const bytes of bodies) expect(bytes).toBeLessThan(64 * 1024);
  });

  it('stays live without a reload: polls cost 304s with no body, and a new entry shows at the top', async () => {
    await page.goto(large.url);
    // Run alone, this is the dashboard's first listing of the cache: it reads the cache's index.
    await expect.poll(() => rows().count(), { timeout: 30_000 }).toBe(50);
    // The first poll, right after the first load, finds the version new to it: start after it.
    await page.waitForSelector('#refresh-state[data-state="live"]');
    await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
    const seen: { path: string; status: number; bytes: number }[] = [];
    const record = async (response: Response) => {
      const path = new URL(response.url()).pathname;
      if (path.startsWith('/api/')) {
        seen.push({
          path,
          status: response.status(),
          bytes: response.status() === 304 ? 0 : (await response.body()).length,
        });
      }
    };
    // Recording stops with the window, and every body read ends before the figures are checked: a
    // read still pending when the browser closes would reject after the test.
    const pending: Promise<void>[] = [];
    const listener = (response: Response) => void pending.push(record(response));
    page.on('response', listener);
    await page.waitForTimeout(4500);
    page.off('response', listener);
    await Promise.all(pending);
    expect(seen.filter((response) => response.path === '/api/version').length).toBeGreaterThanOrEqual(2);
    expect(seen.filter((response) => response.status !== 304)).toEqual([]);
    expect(seen.reduce((sum, response) => sum + response.bytes, 0)).toBe(0);

    large.cache.save(
      'script_result',
      { country: 'NZ', genre: 'Horror', platform: 'Netflix' },
      { scripts: ['Kia ora'] },
    );
    await expect
      .poll(() => rows().first().getAttribute('data-file'), { timeout: 10_000 })
      .toBe('script_result_nz_horror_netflix.json');
    await expect.poll(() => text('#entries-count')).toBe('(10,001)');
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
  });

  it('ran without script errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
