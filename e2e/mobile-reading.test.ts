/**
 * Issue 11: reading on a phone. The first screen measured from element boxes
 * (not screenshots) with the consent banner shown, the banner's height kept
 * at the end of the page, the search disclosure, print, layout stability at
 * four widths, and taps made before hydration on a CPU slowed down six times.
 */
import type { BrowserContext, Page, Route } from 'playwright-core';
import { decodeConsent, encodeConsent } from '@/lib/consent/consent-cookie';
import { BASE_URL, layoutShiftOf, newContext, recordLayoutShifts, withBrowser, waitForHydration } from './support/browser';
import { aConsentRecord } from '../__tests__/support/consent-record';

const t = {
  en: {
    article: '/en/articles/canada-china-reset',
    embedArticle: '/en/articles/canada-energy-trade',
    home: '/en',
    search: 'Search',
    searchLabel: 'Search the site',
    switchShort: 'FR',
    switchName: 'Lire en français',
    nav: ['Home', 'Account', 'Cart', 'Search'],
    region: 'Cookie consent',
    reject: 'Reject all',
    dialog: 'Cookie settings',
    settings: 'Cookie settings',
    loadOnce: 'Load this once',
    alwaysAllow: 'Always allow',
    marketing: 'Marketing and embedded content',
    theme: 'Theme',
    resultsPath: '/en/search',
  },
  fr: {
    article: '/fr/articles/canada-chine-relance',
    embedArticle: '/fr/articles/commerce-energie-canada',
    home: '/fr',
    search: 'Recherche',
    searchLabel: 'Rechercher dans le site',
    switchShort: 'EN',
    switchName: 'Read in English',
    nav: ['Accueil', 'Compte', 'Panier', 'Recherche'],
    region: 'Consentement aux témoins',
    reject: 'Tout refuser',
    dialog: 'Paramètres des témoins',
    settings: 'Paramètres des témoins',
    loadOnce: 'Afficher une seule fois',
    alwaysAllow: 'Toujours autoriser',
    marketing: 'Marketing et contenu intégré',
    theme: 'Thème',
    resultsPath: '/fr/recherche',
  },
} as const;
const locales = ['en', 'fr'] as const;
const PHONES = [
  [360, 640],
  [375, 667],
] as const;

const { browser, context } = withBrowser();

const phone = (width: number, height: number, options: Parameters<typeof newContext>[1] = {}) =>
  newContext(browser(), { viewport: { width, height }, isMobile: true, hasTouch: true, ...options });

type Box = { top: number; bottom: number; left: number; right: number; height: number };

async function box(page: Page, selector: string): Promise<Box> {
  const found = await page.locator(selector).first().evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, height: r.height };
  });
  return found;
}

/** A stored choice that refuses everything optional: the banner stays hidden. */
async function hideBanner(ctx: BrowserContext) {
  const value = encodeConsent(
    aConsentRecord({ c: { preferences: false, analytics: false, marketing: false }, m: 'reject_all', src: 'banner' }),
  );
  await ctx.addCookies([{ name: 'consent', value, url: BASE_URL }]);
}

describe.each(PHONES)('first screen at %ix%i, banner shown', (width, height) => {
  it.each(locales)('an article shows its section, headline and the start of its dek above the banner; the header takes ≤ 25 %% (%s)', async (locale) => {
    const ctx = await phone(width, height);
    const page = await ctx.newPage();
    await page.goto(t[locale].article);
    const banner = page.getByRole('region', { name: t[locale].region });
    await expect(banner.isVisible()).resolves.toBe(true);

    const header = await box(page, 'body > header, .site-header');
    const bar = await box(page, '.consent-banner');
    const section = await box(page, '.article-header__section');
    const headline = await box(page, 'h1');
    const dek = await box(page, '.article-header__dek');
    const dekLine = await page.locator('.article-header__dek').evaluate((el) => parseFloat(getComputedStyle(el).lineHeight));

    expect(header.top).toBe(0);
    expect(header.height).toBeLessThanOrEqual(0.25 * height);
    expect(Math.round(bar.bottom)).toBe(height);
    expect(bar.height).toBeLessThanOrEqual(0.4 * height);
    // Above the fold means above the banner's top edge while it shows.
    expect(section.top).toBeGreaterThanOrEqual(header.bottom);
    expect(section.bottom).toBeLessThanOrEqual(headline.top);
    expect(headline.bottom).toBeLessThanOrEqual(bar.top);
    expect(dekLine).toBeGreaterThan(0);
    expect(dek.top + dekLine).toBeLessThanOrEqual(bar.top);
    // Nothing sideways: the page is exactly as wide as the screen.
    await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBe(width);
    await ctx.close();
  });

  it.each(locales)('the header is a masthead and one compact row: Search control, short language link, four items on one line (%s)', async (locale) => {
    const ctx = await phone(width, height);
    const page = await ctx.newPage();
    await page.goto(t[locale].article);
    const header = page.locator('.site-header');

    const summary = header.locator('summary');
    await expect(summary.textContent()).resolves.toBe(t[locale].search);
    await expect(summary.isVisible()).resolves.toBe(true);
    const field = page.getByRole('searchbox', { name: t[locale].searchLabel });
    await expect(field.isVisible()).resolves.toBe(false);

    const switcher = header.getByRole('link', { name: t[locale].switchName });
    await expect(switcher.isVisible()).resolves.toBe(true);
    await expect(switcher.locator('.locale-switcher__short').textContent()).resolves.toBe(t[locale].switchShort);
    // The long name is for assistive technology only on a phone: it takes no room.
    const long = await switcher.locator('.locale-switcher__long').boundingBox();
    expect(long?.width ?? Infinity).toBeLessThanOrEqual(1);
    expect((await switcher.boundingBox())?.width ?? Infinity).toBeLessThan(64);

    const items = page.getByRole('navigation', { name: locale === 'en' ? 'Main' : 'Principale' }).getByRole('link');
    await expect(items.allTextContents()).resolves.toEqual(t[locale].nav);
    const tops = await items.evaluateAll((links) => links.map((a) => Math.round(a.getBoundingClientRect().top)));
    expect(tops).toHaveLength(4);
    expect(new Set(tops).size).toBe(1);

    // Opening the disclosure puts the reader in the field.
    await summary.click();
    await expect(field.isVisible()).resolves.toBe(true);
    await page.waitForFunction((id) => document.activeElement?.id === id, 'site-search-q');
    await ctx.close();
  });
});

describe('search from the phone header without JavaScript', () => {
  it.each(locales)('the disclosure opens and the form submits (%s)', async (locale) => {
    const ctx = await phone(375, 667, { javaScriptEnabled: false });
    const page = await ctx.newPage();
    await page.goto(t[locale].home);
    await page.locator('.site-header summary').click();
    const field = page.getByRole('searchbox', { name: t[locale].searchLabel });
    await field.fill('canola');
    await field.press('Enter');
    await page.waitForURL((url) => url.pathname === t[locale].resultsPath && url.searchParams.get('q') === 'canola');
    await ctx.close();
  });
});

describe('the end of the page while the banner shows', () => {
  it.each(locales)('"Cookie settings" can be scrolled above the banner and tapped at 375 px (%s)', async (locale) => {
    const ctx = await phone(375, 667);
    const page = await ctx.newPage();
    await page.goto(t[locale].article);
    await waitForHydration(page);
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    const settings = page.locator('footer').getByRole('button', { name: t[locale].settings });
    const link = await settings.boundingBox();
    const bar = await box(page, '.consent-banner');
    expect(link).not.toBeNull();
    expect((link?.y ?? Infinity) + (link?.height ?? 0)).toBeLessThanOrEqual(bar.top);
    // Nothing lies over it: the point under its centre is the control itself.
    const hit = await settings.evaluate((el) => {
      const r = el.getBoundingClientRect();
      return el.contains(document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2));
    });
    expect(hit).toBe(true);
    await settings.tap();
    await expect(page.getByRole('dialog', { name: t[locale].dialog }).isVisible()).resolves.toBe(true);
    await ctx.close();
  });
});

describe('print', () => {
  it.each(locales)('an article prints without navigation, banner or footer controls, with link addresses (%s)', async (locale) => {
    const page = await context().newPage();
    await page.goto(t[locale].embedArticle);
    await page.emulateMedia({ media: 'print' });
    const hidden = ['.site-nav', '.search-disclosure', '.locale-switcher', '.consent-banner', '.site-footer nav', '.theme-select', '.embed__actions'];
    for (const selector of hidden) {
      await expect(page.locator(selector).first().evaluate((el) => getComputedStyle(el).display)).resolves.toBe('none');
    }
    await expect(page.locator('h1').isVisible()).resolves.toBe(true);
    await expect(page.locator('.article-body').isVisible()).resolves.toBe(true);
    const links = await page.locator('.site-main a[href]:not(.article-header a)').evaluateAll((anchors) =>
      anchors
        .filter((a) => a.getBoundingClientRect().height > 0)
        .map((a) => ({ href: a.getAttribute('href'), after: getComputedStyle(a, '::after').content })),
    );
    expect(links.length).toBeGreaterThan(0);
    for (const { href, after } of links) expect(after).toBe(`" (${href})"`);
  });
});

describe('layout stability', () => {
  const widths = [
    [360, 640],
    [375, 667],
    [768, 1024],
    [1280, 800],
  ] as const;
  it.each(widths)('an article loads with no layout shift at %ix%i, banner shown and hidden', async (width, height) => {
    for (const bannerShown of [true, false]) {
      for (const locale of locales) {
        const ctx = await newContext(browser(), { viewport: { width, height } });
        if (!bannerShown) await hideBanner(ctx);
        await recordLayoutShifts(ctx);
        const page = await ctx.newPage();
        await page.goto(t[locale].article, { waitUntil: 'load' });
        await waitForHydration(page);
        await expect(page.locator('.consent-banner').isVisible()).resolves.toBe(bannerShown);
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
        const cls = await layoutShiftOf(page);
        expect({ width, locale, bannerShown, cls }).toEqual({ width, locale, bannerShown, cls: 0 });
        await ctx.close();
      }
    }
  });
});

/**
 * Holds every script of the page until `release()`: the server HTML is
 * there and tappable, no island has run. With the CPU slowed six times
 * (Chrome DevTools Protocol), as on a mid-range phone.
 */
async function beforeHydration(ctx: BrowserContext, path: string) {
  const page = await ctx.newPage();
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 6 });
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  const held = (route: Route) => released.then(() => route.continue());
  await page.route((url) => url.pathname.startsWith('/_next/static/') && url.pathname.endsWith('.js'), held);
  await page.goto(path, { waitUntil: 'commit' });
  const noIslandYet = () =>
    page.evaluate(() => {
      const early = (window as unknown as { __early?: { live: string[] } }).__early;
      return early !== undefined && early.live.length === 0;
    });
  return { page, release, noIslandYet };
}

describe.each(locales)('taps before hydration, CPU ×6 (%s)', (locale) => {
  it('"Cookie settings" in the footer opens the dialog once the island is ready', async () => {
    const { page, release, noIslandYet } = await beforeHydration(context(), t[locale].home);
    await page.locator('footer a[data-consent-open]').click();
    await expect(noIslandYet()).resolves.toBe(true);
    release();
    await page.getByRole('dialog', { name: t[locale].dialog }).waitFor({ state: 'visible' });
    expect(new URL(page.url()).pathname).toBe(t[locale].home);
  });

  it('"Reject all" in the banner is recorded once the island is ready', async () => {
    const { page, release, noIslandYet } = await beforeHydration(context(), t[locale].article);
    await page.getByRole('region', { name: t[locale].region }).getByRole('button', { name: t[locale].reject }).click();
    await expect(noIslandYet()).resolves.toBe(true);
    release();
    await page.waitForSelector('html[data-consent]', { state: 'attached' });
    await expect(page.locator('.consent-banner').isVisible()).resolves.toBe(false);
    const cookie = (await context().cookies()).find((c) => c.name === 'consent');
    expect(decodeConsent(cookie?.value)).toMatchObject({ m: 'reject_all', src: 'banner', l: locale });
  });

  it('"Load this once" loads the embed once the island is ready', async () => {
    const { page, release, noIslandYet } = await beforeHydration(context(), t[locale].embedArticle);
    await page.getByRole('button', { name: t[locale].loadOnce }).click();
    await expect(noIslandYet()).resolves.toBe(true);
    release();
    await page.locator('figure.embed iframe').waitFor({ state: 'attached' });
    await expect(page.locator('figure.embed').getAttribute('class')).resolves.toContain('embed--loaded');
  });

  it('"Always allow" opens the settings on the marketing switch once the island is ready', async () => {
    const { page, release, noIslandYet } = await beforeHydration(context(), t[locale].embedArticle);
    await page.getByRole('button', { name: t[locale].alwaysAllow }).click();
    await expect(noIslandYet()).resolves.toBe(true);
    release();
    const dialog = page.getByRole('dialog', { name: t[locale].dialog });
    await dialog.waitFor({ state: 'visible' });
    await page.waitForFunction(() => document.activeElement?.id === 'consent-switch-marketing');
  });

  it('the theme chosen in the footer is applied once the island is ready', async () => {
    const { page, release, noIslandYet } = await beforeHydration(context(), t[locale].home);
    await page.getByRole('combobox', { name: t[locale].theme }).selectOption('dark');
    await expect(noIslandYet()).resolves.toBe(true);
    release();
    await page.waitForSelector('html[data-theme="dark"]', { state: 'attached' });
    // The island shows the applied choice rather than resetting the control.
    await page.waitForFunction(() => (window as unknown as { __early?: { live: string[] } }).__early?.live.includes('#theme-select'));
    await expect(page.getByRole('combobox', { name: t[locale].theme }).inputValue()).resolves.toBe('dark');
    const cookie = (await context().cookies()).find((c) => c.name === 'theme');
    expect(cookie?.value).toBe('dark');
  });
});

/** What the page saw: its first largest-paint report, `load`, and when each framework chunk was requested. */
type PaintOrder = { firstLargestPaint: number | null; loadStart: number; chunkStarts: number[] };
type PaintWindow = Window & { __paints?: number[] };

describe('hydration after the first paint (server/deferred-hydration.ts)', () => {
  const pages = locales.flatMap((locale) => [t[locale].home, t[locale].article]);

  it.each(pages)("%s: the framework's chunks are requested only once the page is loaded and painted, then it hydrates", async (path) => {
    const page = await context().newPage();
    await page.addInitScript(() => {
      const w = window as PaintWindow;
      w.__paints = [];
      new PerformanceObserver((list) => w.__paints?.push(...list.getEntries().map((e) => e.startTime))).observe({ type: 'largest-contentful-paint', buffered: true });
    });
    await page.goto(path);
    // The consent island turns the footer's settings link into a button as it runs: hydration happened.
    await waitForHydration(page);
    const order = await page.evaluate((): PaintOrder => {
      const [nav] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
      const chunks = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((r) => /\/_next\/static\/.+\.js$/.test(new URL(r.name).pathname));
      return {
        firstLargestPaint: (window as PaintWindow).__paints?.[0] ?? null,
        loadStart: nav?.loadEventStart ?? Number.NaN,
        chunkStarts: chunks.map((r) => r.startTime),
      };
    });
    expect(order.chunkStarts.length).toBeGreaterThan(3);
    expect(order.firstLargestPaint).not.toBeNull();
    expect(Math.min(...order.chunkStarts)).toBeGreaterThanOrEqual(order.loadStart);
    expect(Math.min(...order.chunkStarts)).toBeGreaterThanOrEqual(order.firstLargestPaint ?? Number.POSITIVE_INFINITY);
  });

  it('the admin is not deferred: its scripts load as Next wrote them', async () => {
    const res = await fetch(`${BASE_URL}/admin/login`);
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toMatch(/<script src="\/_next\/static\/[^"]+\.js" async="">/);
    expect(html).not.toContain('id="deferred-hydration"');
  });
});
