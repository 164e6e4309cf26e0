import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { systemRequirement } from './system.js';

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

/** Skip (or, with STREAMGANK_REQUIRE_SYSTEM_TESTS=1, fail) when Chromium is not installed. */
export function chromiumRequirement(): { skip: boolean } {
  return systemRequirement(
    'Chromium',
    existsSync(CHROMIUM),
    `${CHROMIUM} is missing; install it with "apt-get install -y chromium"`,
  );
}

export interface BrowserSession {
  readonly browser: BrowserContext;
  readonly page: Page;
  /** Script errors and console errors the page reported. */
  readonly pageErrors: string[];
}

/** The real Chromium with a profile in `profileDir`, and one page whose errors are collected. */
export async function launchChromium(profileDir: string): Promise<BrowserSession> {
  const browser = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 900 },
  });
  const page = browser.pages()[0] ?? (await browser.newPage());
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(`console: ${message.text()}`);
  });
  return { browser, page, pageErrors };
}

/** A screenshot in `directory` (a git-ignored test-artifacts/ folder) for a person to look at after the run. */
export async function saveScreenshot(page: Page, directory: string, name: string, fullPage = true): Promise<void> {
  mkdirSync(directory, { recursive: true });
  await page.screenshot({ path: join(directory, name), fullPage });
}

declare global {
  interface Window {
    __streamgankFirstShownMs?: number;
  }
}

export interface FirstShownTimer {
  /**
   * Load `url` in the page and resolve to the milliseconds from the start of that navigation to
   * the first animation frame in which the selector matched: the frame that paints it. The page
   * goes to about:blank first, so tearing down what it showed before is not counted.
   */
  measure(url: string, options?: { timeoutMs?: number }): Promise<number>;
}

/**
 * Times how long a page takes to put something on screen, from inside the page: a script that
 * runs before any of the page's own watches the document from its very start, so an element that
 * appears early is never missed by a poll that began late. The page under test is not changed.
 */
export async function firstShownTimer(page: Page, selector: string): Promise<FirstShownTimer> {
  await page.addInitScript((wanted: string) => {
    const seen = () => {
      if (!document.querySelector(wanted)) return false;
      requestAnimationFrame(() => {
        window.__streamgankFirstShownMs ??= performance.now();
      });
      return true;
    };
    const observer = new MutationObserver(() => {
      if (seen()) observer.disconnect();
    });
    observer.observe(document, { childList: true, subtree: true });
  }, selector);
  return {
    async measure(url, { timeoutMs = 30_000 } = {}) {
      await page.goto('about:blank');
      await page.goto(url, { waitUntil: 'commit' });
      const handle = await page.waitForFunction(() => window.__streamgankFirstShownMs, undefined, {
        timeout: timeoutMs,
      });
      return (await handle.jsonValue()) as number;
    },
  };
}
