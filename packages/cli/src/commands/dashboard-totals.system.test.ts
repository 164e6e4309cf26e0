import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CacheStats, SharedStatus } from '@streamgank/cache';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumRequirement, launchChromium, saveScreenshot, unusedRedisUrl, freePort } from '@streamgank/testing';
import { ARTIFACTS } from '../test-support/artifacts.js';
import { parseJsonOutput, runCli, startDashboardCli, type ServedDashboard } from '../test-support/run-cli.js';
import { seedMixedCache, type MixedCache } from '../test-support/seed-cache.js';

const { skip } = chromiumRequirement();

type StatsJson = CacheStats & { shared: SharedStatus };

// Issue 5: the page's totals equal `streamgank cache stats --json`, checked on the page Chromium renders.
describe.skipIf(skip)('streamgank dashboard in Chromium', () => {
  let work: string;
  let fixture: MixedCache;
  let cli: StatsJson;
  let dashboard: ServedDashboard;
  let port: number;
  let browser: BrowserContext;
  let page: Page;
  let pageErrors: string[];

  const dataValue = (id: string) => page.locator(`#${id}`).getAttribute('data-value');

  beforeAll(async () => {
    // Not tempDir(): that one is removed after each test, and this cache serves them all.
    work = mkdtempSync(join(tmpdir(), 'streamgank-cli-dashboard-'));
    const dir = join(work, 'cache');
    mkdirSync(dir);
    fixture = await seedMixedCache(dir);
    const stats = await runCli(['cache', 'stats', '--json', '--cache-dir', dir], { cwd: work });
    expect(stats.code, stats.stderr).toBe(0);
    cli = parseJsonOutput<StatsJson>(stats);
    port = await freePort();
    dashboard = await startDashboardCli(['--port', String(port), '--cache-dir', dir], work);
    ({ browser, page, pageErrors } = await launchChromium(join(work, 'profile')));
    await page.goto(dashboard.url);
    await page.waitForFunction(() => document.querySelectorAll('#entries-table tbody tr').length === 4, undefined, {
      timeout: 15_000,
    });
  });

  afterAll(async () => {
    await browser?.close();
    await dashboard?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('listens where it was told to', () => {
    expect(dashboard.url).toBe(`http://127.0.0.1:${port}/`);
  });

  it('shows the same totals as `streamgank cache stats --json`: entries, size, hit rate, time saved, money saved', async () => {
    // The fixture recorded hits that saved time and money, so equal totals say something.
    expect(cli).toMatchObject({ total_files: 4, hits: 3, misses: 1 });
    expect(cli.time_saved_ms).toBe(2 * 45_000 + 120_000);
    expect(cli.cost_saved_usd).toBeCloseTo(2 * 0.0042, 10);

    expect(await dataValue('total-entries')).toBe(String(cli.total_files));
    expect(await dataValue('total-size')).toBe(String(cli.total_size_bytes));
    expect(await dataValue('total-hit-rate')).toBe(String(cli.hit_rate));
    expect(await dataValue('total-time-saved')).toBe(String(cli.time_saved_ms));
    expect(await dataValue('total-money-saved')).toBe(String(cli.cost_saved_usd));
    expect(await page.locator('#total-entries').textContent()).toBe('4');
    expect(await page.locator('#total-hit-rate').textContent()).toBe(`${((cli.hit_rate ?? 0) * 100).toFixed(1)}%`);
    expect(await page.locator('#total-entries-sub').textContent()).toBe(
      `${cli.statuses.ok} ok · ${cli.statuses.legacy} legacy`,
    );
    await saveScreenshot(page, ARTIFACTS, 'dashboard-from-cli.png');
  });

  it('shows the shared tier as the CLI reports it: not configured here', async () => {
    expect(cli.shared.configured).toBe(false);
    await expect.poll(() => page.locator('#shared-tier').getAttribute('data-state')).toBe('off');
  });

  it('lists the entries, the legacy file and the one with a PNG poster among them, and loads the poster', async () => {
    const files = await page
      .locator('#entries-table tbody tr')
      .evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset['file']));
    expect(files.sort()).toEqual(Object.values(fixture.files).sort());
    await page.click(`tr[data-file="${fixture.files.assets}"]`);
    const poster = page.locator('#detail-media img');
    await expect
      .poll(() =>
        poster.evaluate((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth),
      )
      .toBe(60);
    await saveScreenshot(page, ARTIFACTS, 'dashboard-from-cli-detail.png', false);
    await page.click('#detail-close');
    expect(pageErrors).toEqual([]);
  });

  it('shows the shared tier of --redis-url: unreachable, at the URL given, its password hidden', async () => {
    const url = await unusedRedisUrl('hidden-password');
    const withRedis = await startDashboardCli(['--port', '0', '--cache-dir', fixture.dir, '--redis-url', url], work);
    const other = await launchChromium(join(work, 'profile-redis'));
    try {
      await other.page.goto(withRedis.url);
      const card = other.page.locator('#shared-tier');
      await expect.poll(() => card.getAttribute('data-state'), { timeout: 10_000 }).toBe('unreachable');
      expect(await other.page.locator('#shared-where').textContent()).toContain(url.replace('hidden-password', '***'));
      expect(await card.textContent()).not.toContain('hidden-password');
    } finally {
      await other.browser.close();
      const result = await withRedis.stop();
      expect(result.code).toBe(0);
    }
  });
});
