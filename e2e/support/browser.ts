import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { UPGRADED_SETTINGS_OPENER } from '@/lib/consent/settings-opener';
import { CHROMIUM_FLAGS } from '@/scripts/support/chromium';
import { BASE_URL, CHROMIUM_PATH } from './config';

export { BASE_URL };

/** Chromium as every suite launches it; `extraFlags` for a test's own needs (e.g. host mapping). */
export async function launchBrowser(extraFlags: readonly string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_FLAGS, ...extraFlags], headless: true });
}

export async function newContext(browser: Browser, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  return browser.newContext({ baseURL: BASE_URL, ...options });
}

/**
 * Registers the hooks that give the test file (or `describe` block) calling it
 * one Chromium, and every test in it a fresh context, closed after the test.
 * Returns getters, to call inside hooks and tests only:
 * `const { browser, context } = withBrowser();` then `context().newPage()`.
 */
export function withBrowser(): { browser: () => Browser; context: () => BrowserContext } {
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    browser = undefined;
  });
  beforeEach(async () => {
    context = await newContext(running(browser, 'browser'));
  });
  afterEach(async () => {
    await context?.close();
    context = undefined;
  });
  return {
    browser: () => running(browser, 'browser'),
    context: () => running(context, 'context'),
  };
}

function running<T>(value: T | undefined, name: string): T {
  if (value === undefined) throw new Error(`withBrowser(): no ${name} outside the hooks and tests it set up`);
  return value;
}

/** Waits until the page has hydrated: the consent island has upgraded "Cookie settings" to a button. */
export async function waitForHydration(page: Page): Promise<void> {
  await page.waitForSelector(UPGRADED_SETTINGS_OPENER, { state: 'attached' });
}

/** Runs axe with WCAG 2.x A/AA rules and returns the violations. */
export async function axeViolations(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')) }));
}

/** A consent cookie value is set by the consent suite; pages here start fresh. */
export async function gotoFresh(context: BrowserContext, path: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(path);
  return page;
}

/** Sums the context's layout shifts not caused by input (CLS as the page lived it); read it with `layoutShiftOf`. */
export async function recordLayoutShifts(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const w = window as unknown as { __cls: number };
    w.__cls = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) {
        if (!entry.hadRecentInput) w.__cls += entry.value;
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
}

export function layoutShiftOf(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { __cls: number }).__cls);
}
