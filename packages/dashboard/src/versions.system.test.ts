import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { chromiumRequirement, launchChromium, saveScreenshot } from '@streamgank/testing';
import { startDashboard, type RunningDashboard } from './index.js';
import { ARTIFACTS } from './test-support/artifacts.js';
import { buildVersionedCache, type VersionedCache } from './test-support/versioned-cache.js';

const { skip } = chromiumRequirement();

describe.skipIf(skip)("an entry's history and diff in Chromium", () => {
  let workDir: string;
  let fixture: VersionedCache;
  let dashboard: RunningDashboard;
  let browser: BrowserContext;
  let page: Page;
  let pageErrors: string[];

  const row = (file: string) => page.locator(`#entries-table tbody tr[data-file="${file}"]`);

  async function openEntry(file: string): Promise<void> {
    await row(file).click();
    await expect.poll(() => page.locator('#detail-title').textContent()).toBe(file);
  }

  beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), 'streamgank-dashboard-versions-'));
    fixture = await buildVersionedCache(join(workDir, 'cache'));
    dashboard = await startDashboard({
      cacheDir: fixture.dir,
      port: 0,
      env: {},
      describeBlob: async (_path, ref) =>
        ref.media_type === 'video/mp4' ? { duration_seconds: 1, width: 120, height: 180, codecs: ['h264'] } : {},
    });
    ({ browser, page, pageErrors } = await launchChromium(join(workDir, 'profile')));
    await page.goto(dashboard.url);
    await page.waitForFunction(() => document.querySelectorAll('#entries-table tbody tr').length === 3, undefined, {
      timeout: 10_000,
    });
  });

  // A test that stops half way leaves the next one the table, not an open view in front of it.
  afterEach(async () => {
    if (await page.locator('#detail-dialog[open]').count()) await page.click('#detail-close');
  });

  afterAll(async () => {
    await browser?.close();
    await dashboard?.close();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  it('marks the pinned entry in the table and in its view, and counts pins and history in the totals', async () => {
    expect(await row(fixture.files.catalog).getAttribute('data-pinned')).toBe('true');
    expect(await row(fixture.files.catalog).locator('.badge.pinned').textContent()).toBe('pinned');
    expect(await row(fixture.files.script).locator('.badge.pinned').count()).toBe(0);
    expect(await page.locator('#total-entries-sub').textContent()).toContain('1 pinned');
    expect(await page.locator('#total-size-sub').textContent()).toMatch(/history 2 versions \d/);
    await openEntry(fixture.files.catalog);
    expect(await page.locator('#detail-pinned').isVisible()).toBe(true);
    await page.click('#detail-close');
    await openEntry(fixture.files.script);
    expect(await page.locator('#detail-pinned').isVisible()).toBe(false);
    await page.click('#detail-close');
  });

  it("lists a script's versions and shows the words that changed", async () => {
    await openEntry(fixture.files.script);
    const versions = page.locator('#detail-history tbody tr');
    await expect.poll(() => versions.count()).toBe(2);
    expect(await versions.evaluateAll((rows) => rows.map((tr) => (tr as HTMLElement).dataset['version']))).toEqual([
      '0',
      '1',
    ]);
    expect(await versions.nth(0).textContent()).toContain('writer@2');
    expect(await versions.nth(0).textContent()).toContain('num_movies: 3 → 2');
    expect(await versions.nth(0).locator('.badge').textContent()).toBe('current');
    expect(await versions.nth(1).textContent()).toContain('writer@1');
    await expect.poll(() => page.locator('#detail-diff del').allTextContents()).toEqual(['quiet', 'knocking']);
    expect(await page.locator('#detail-diff ins').allTextContents()).toEqual(['loud', 'singing']);
    expect(await page.locator('#detail-diff .input-changes').textContent()).toContain('num_movies: 3 → 2');
    const removedColour = await page
      .locator('#detail-diff del')
      .first()
      .evaluate((node) => getComputedStyle(node).color);
    const addedColour = await page
      .locator('#detail-diff ins')
      .first()
      .evaluate((node) => getComputedStyle(node).color);
    expect(removedColour).not.toBe(addedColour);

    // Choosing the same version on both sides says they are the same.
    await page.selectOption('#diff-from', '0');
    await expect.poll(() => page.locator('#detail-diff').textContent()).toContain('the same data');
    await page.click('#detail-close');
  });

  it('shows the two versions of the assets side by side: both posters drawn, the clip playable, media facts', async () => {
    await openEntry(fixture.files.assets);
    const posters = page.locator('#detail-diff .diff-pair[data-changed="true"] img');
    await expect.poll(() => posters.count()).toBe(2);
    const widths = async () =>
      posters.evaluateAll((images) =>
        images.map((image) => ((image as HTMLImageElement).complete ? (image as HTMLImageElement).naturalWidth : 0)),
      );
    await expect.poll(widths, { timeout: 10_000 }).toEqual([120, 90]);
    const sides = page.locator('#detail-diff .diff-pair[data-changed="true"] .diff-side');
    expect(await sides.nth(0).getAttribute('data-sha256')).toBe(fixture.oldPoster.sha256);
    expect(await sides.nth(1).getAttribute('data-sha256')).toBe(fixture.newPoster.sha256);
    expect(await page.locator('#detail-diff .diff-pair[data-changed="true"] .pair-head').textContent()).toBe(
      'image/png: bytes changed',
    );
    const clips = page.locator('#detail-diff .diff-pair[data-changed="false"] video');
    expect(await clips.count()).toBe(2);
    await expect
      .poll(() => clips.first().evaluate((video) => (video as HTMLVideoElement).readyState), { timeout: 10_000 })
      .toBeGreaterThanOrEqual(1);
    expect(await page.locator('#detail-diff .diff-pair[data-changed="false"] .facts').first().textContent()).toContain(
      '120×180',
    );
    await saveScreenshot(page, ARTIFACTS, 'dashboard-versions.png', false);
    expect(pageErrors).toEqual([]);
  });
});
