import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { encodeConsent, type ConsentRecord } from '@/lib/consent/consent-cookie';
import { axeViolations, BASE_URL, launchBrowser, newContext, waitForHydration } from './support/browser';
import { aConsentRecord } from '../__tests__/support/consent-record';

/*
 * What consent governs, observed in Chromium against the production server:
 * the page-view beacon, click-to-load embeds, the theme cookie, and the
 * absence of any Google code in a build without NEXT_PUBLIC_GA_ID. The
 * machine has no internet: the map provider is answered by page.route, and
 * the tests assert what the browser asked for.
 */

const MAP_URL = 'https://www.openstreetmap.org/export/embed.html?bbox=-123.13%2C49.27%2C-122.93%2C49.32&layer=mapnik';
const METRICS_TOKEN = process.env.METRICS_TOKEN ?? 'e2e-metrics-token';

const t = {
  en: {
    home: '/en',
    article: '/en/articles/canada-energy-trade',
    other: '/en/articles/canada-china-reset',
    notFound: '/en/no-such-page',
    policy: '/en/cookies',
    region: 'Cookie consent',
    accept: 'Accept all',
    reject: 'Reject all',
    dialog: 'Cookie settings',
    save: 'Save my choices',
    marketing: 'Marketing and embedded content',
    preferences: 'Preferences',
    loadOnce: 'Load this once',
    alwaysAllow: 'Always allow',
    provider: 'Embedded content provided by OpenStreetMap',
    caption: /^Map of Burrard Inlet/,
    theme: 'Theme',
    dark: 'Dark',
  },
  fr: {
    home: '/fr',
    article: '/fr/articles/commerce-energie-canada',
    other: '/fr/articles/canada-chine-relance',
    notFound: '/fr/page-inexistante',
    policy: '/fr/temoins',
    region: 'Consentement aux témoins',
    accept: 'Tout accepter',
    reject: 'Tout refuser',
    dialog: 'Paramètres des témoins',
    save: 'Enregistrer mes choix',
    marketing: 'Marketing et contenu intégré',
    preferences: 'Préférences',
    loadOnce: 'Afficher une seule fois',
    alwaysAllow: 'Toujours autoriser',
    provider: 'Contenu intégré fourni par OpenStreetMap',
    caption: /^Carte de la baie Burrard/,
    theme: 'Thème',
    dark: 'Sombre',
  },
} as const;
const locales = ['en', 'fr'] as const;
type Locale = (typeof locales)[number];
const DAY = 86_400;

let browser: Browser;
let context: BrowserContext;
/** Every request of the context, pages and frames alike. */
let requests: Request[];

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});
beforeEach(async () => {
  context = await fresh();
});
afterEach(async () => {
  await context.close();
});

/** A context that records its requests and answers the map provider itself (no internet here). */
async function fresh(): Promise<BrowserContext> {
  const ctx = await newContext(browser);
  requests = [];
  ctx.on('request', (request) => requests.push(request));
  await ctx.route('https://*.openstreetmap.org/**', (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>map</title><p>map</p>' }),
  );
  return ctx;
}

const beacons = () => requests.filter((r) => new URL(r.url()).pathname === '/api/metrics');
const thirdParty = () => requests.filter((r) => !r.url().startsWith(BASE_URL) && !r.url().startsWith('data:'));

async function seedConsent(c: ConsentRecord['c'], ctx: BrowserContext = context) {
  await ctx.addCookies([{ name: 'consent', value: encodeConsent(aConsentRecord({ c })), url: BASE_URL }]);
}

/** Opens a page and waits until it is hydrated and its network is quiet: whatever it would send is sent. */
async function open(path: string, options: { referer?: string } = {}, ctx: BrowserContext = context): Promise<Page> {
  const page = await ctx.newPage();
  await page.goto(path, options);
  // The consent island upgrades "Cookie settings" once it runs (hydration is done).
  await waitForHydration(page);
  await page.waitForLoadState('networkidle');
  return page;
}

const banner = (page: Page, locale: Locale) => page.getByRole('region', { name: t[locale].region });
const dialog = (page: Page, locale: Locale) => page.getByRole('dialog', { name: t[locale].dialog });
const figure = (page: Page) => page.locator('figure.embed');
const settingsButton = (page: Page, locale: Locale) => page.locator('footer').getByRole('button', { name: t[locale].dialog });

/**
 * Reads until `done` holds, one animation frame apart (at most 120 frames):
 * for effects that follow a click, without guessing a delay.
 */
async function eventually<T>(page: Page, read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  let value = await read();
  for (let frame = 0; frame < 120 && !done(value); frame++) {
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
    value = await read();
  }
  return value;
}

function dayRange(): string {
  const day = (offset: number) => new Date(Date.now() + offset * DAY * 1000).toISOString().slice(0, 10);
  return `from=${day(-1)}&to=${day(1)}`;
}

type Summary = { total: number; pages: { path: string; locale: string; views: number }[]; referrers: { host: string; views: number }[] };

async function summary(): Promise<Summary> {
  const res = await fetch(`${BASE_URL}/api/metrics/summary?${dayRange()}`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  expect(res.status).toBe(200);
  return (await res.json()) as Summary;
}

const viewsOf = (s: Summary, path: string) => s.pages.find((p) => p.path === path)?.views ?? 0;
const referrerViews = (s: Summary, host: string) => s.referrers.find((r) => r.host === host)?.views ?? 0;

describe.each(locales)('page-view beacon (%s)', (locale) => {
  it('sends nothing while undecided, nor after Reject all', async () => {
    const page = await open(t[locale].article);
    expect(beacons()).toEqual([]);
    const receipt = page.waitForRequest((r) => r.url().endsWith('/api/consent'));
    await banner(page, locale).getByRole('button', { name: t[locale].reject }).click();
    await receipt;
    await page.waitForLoadState('networkidle');
    await page.reload();
    await page.waitForLoadState('networkidle');
    expect(beacons()).toEqual([]);
    // Not even the beacon's code was fetched.
    const scripts = requests.filter((r) => r.resourceType() === 'script').map((r) => r.url());
    expect(scripts.length).toBeGreaterThan(0);
    const bodies = await Promise.all(scripts.map(async (url) => (await fetch(url)).text()));
    expect(bodies.filter((js) => js.includes('sendBeacon'))).toEqual([]);
  });

  it('after Accept all, counts the page being read: path, language and referrer host only; the summary shows it', async () => {
    const before = await summary();
    const page = await open(t[locale].article, { referer: 'https://news.example.org/search?q=secret+words&user=42' });
    expect(beacons()).toEqual([]);
    const beacon = page.waitForRequest((r) => new URL(r.url()).pathname === '/api/metrics');
    await banner(page, locale).getByRole('button', { name: t[locale].accept }).click();
    const request = await beacon;
    expect(request.method()).toBe('POST');
    expect(request.headers()['content-type']).toMatch(/^text\/plain/);
    expect(JSON.parse(request.postData() ?? '')).toEqual({ path: t[locale].article, locale, referrerHost: 'news.example.org' });
    expect(request.postData()).not.toContain('secret');
    const response = await request.response();
    expect(response?.status()).toBe(204);

    const after = await summary();
    expect(viewsOf(after, t[locale].article)).toBe(viewsOf(before, t[locale].article) + 1);
    expect(referrerViews(after, 'news.example.org')).toBe(referrerViews(before, 'news.example.org') + 1);
    expect(after.total).toBe(before.total + 1);
    // One view per page view: the decision does not send it twice.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    expect(beacons()).toHaveLength(1);
  });

  it('counts every page view on load for a reader who allowed measurement earlier, and none for one who did not', async () => {
    await seedConsent({ preferences: false, analytics: true, marketing: false });
    const page = await open(t[locale].home);
    await page.goto(t[locale].article);
    await page.waitForLoadState('networkidle');
    expect(beacons().map((r) => JSON.parse(r.postData() ?? '{}').path)).toEqual([t[locale].home, t[locale].article]);

    const refusing = await fresh();
    try {
      await seedConsent({ preferences: true, analytics: false, marketing: true }, refusing);
      await open(t[locale].article, {}, refusing);
      expect(beacons()).toEqual([]);
    } finally {
      await refusing.close();
    }
  });
});

describe.each(locales)('embeds (%s)', (locale) => {
  it('show a localized placeholder, and no provider URL is in the page or requested before consent', async () => {
    const html = await (await fetch(`${BASE_URL}${t[locale].article}`)).text();
    expect(html).not.toMatch(/openstreetmap\.org|youtube-nocookie|youtube\.com/);
    const page = await open(t[locale].article);
    await expect(page.content()).resolves.not.toMatch(/openstreetmap\.org/);
    expect(thirdParty()).toEqual([]);
    await expect(page.locator('iframe').count()).resolves.toBe(0);
    await expect(figure(page).locator('.embed__provider').textContent()).resolves.toBe(t[locale].provider);
    await expect(figure(page).getByRole('button').allTextContents()).resolves.toEqual([t[locale].loadOnce, t[locale].alwaysAllow]);
    await expect(figure(page).locator('figcaption').textContent()).resolves.toMatch(t[locale].caption);
  });

  it('"Load this once" loads that map on this page view only, stores nothing, and shifts nothing', async () => {
    const page = await open(t[locale].article);
    await figure(page).scrollIntoViewIfNeeded();
    const box = await figure(page).locator('.embed__frame').boundingBox();
    const next = await figure(page).locator('xpath=following-sibling::*[1]').boundingBox();
    const cookiesBefore = await context.cookies();
    const mapRequest = page.waitForRequest(MAP_URL);
    await figure(page).getByRole('button', { name: t[locale].loadOnce }).click();
    await mapRequest;
    const iframe = figure(page).locator('iframe');
    await expect(iframe.getAttribute('src')).resolves.toBe(MAP_URL);
    await expect(iframe.getAttribute('title')).resolves.toMatch(t[locale].caption);
    await expect(iframe.getAttribute('loading')).resolves.toBe('lazy');
    await expect(iframe.getAttribute('referrerpolicy')).resolves.toBe('strict-origin-when-cross-origin');
    await expect(iframe.getAttribute('sandbox')).resolves.toContain('allow-scripts');
    // Focus follows the reader to the map (the button is gone with the placeholder).
    await expect(iframe.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    // The frame keeps the placeholder's box, and the iframe fills it (inside its 1px border): nothing moves.
    expect(await figure(page).locator('.embed__frame').boundingBox()).toEqual(box);
    expect(await figure(page).locator('xpath=following-sibling::*[1]').boundingBox()).toEqual(next);
    const frame = await iframe.boundingBox();
    expect(frame?.width).toBeCloseTo((box?.width ?? 0) - 2, 0);
    expect(frame?.height).toBeCloseTo((box?.height ?? 0) - 2, 0);
    expect(await context.cookies()).toEqual(cookiesBefore);
    await expect(page.evaluate(() => localStorage.length + sessionStorage.length)).resolves.toBe(0);

    await page.reload();
    await page.waitForLoadState('networkidle');
    await expect(page.locator('iframe').count()).resolves.toBe(0);
    expect(thirdParty().map((r) => r.url())).toEqual([MAP_URL]);
  });

  it('"Always allow" opens the settings on the marketing switch; once saved, embeds load now and on later visits', async () => {
    const page = await open(t[locale].article);
    await figure(page).getByRole('button', { name: t[locale].alwaysAllow }).click();
    await expect(dialog(page, locale).isVisible()).resolves.toBe(true);
    const marketing = page.getByRole('switch', { name: t[locale].marketing });
    await expect(marketing.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await expect(marketing.isChecked()).resolves.toBe(false);
    expect(thirdParty()).toEqual([]);
    await page.keyboard.press('Space');
    const mapRequest = page.waitForRequest(MAP_URL);
    await dialog(page, locale).getByRole('button', { name: t[locale].save }).click();
    await mapRequest;
    await expect(figure(page).locator('iframe').getAttribute('src')).resolves.toBe(MAP_URL);

    const later = await open(t[locale].article);
    await expect(later.locator('figure.embed iframe').getAttribute('src')).resolves.toBe(MAP_URL);
    // Withdrawal takes it out again.
    await settingsButton(later, locale).click();
    await later.getByRole('switch', { name: t[locale].marketing }).uncheck();
    await dialog(later, locale).getByRole('button', { name: t[locale].save }).click();
    await later.waitForSelector('figure.embed iframe', { state: 'detached' });
  });

  it.each([
    ['with the banner', false],
    ['after a refusal', true],
  ])('have no accessibility violations as a placeholder (%s)', async (_label, decided) => {
    if (decided) await seedConsent({ preferences: false, analytics: false, marketing: false });
    const page = await open(t[locale].article);
    await expect(figure(page).isVisible()).resolves.toBe(true);
    await expect(banner(page, locale).isVisible()).resolves.toBe(!decided);
    expect(await axeViolations(page)).toEqual([]);
  });
});

describe.each(locales)('theme (%s)', (locale) => {
  const select = (page: Page) => page.getByRole('combobox', { name: t[locale].theme });
  const themeOnFirstParse = () =>
    // Recorded when the body starts: what the reader sees from the first paint.
    context.addInitScript(() => {
      document.addEventListener('DOMContentLoaded', () => {
        (window as unknown as { __themeAtParse: string | null }).__themeAtParse = document.documentElement.getAttribute('data-theme');
      });
    });

  async function choose(page: Page, label: string) {
    await select(page).selectOption({ label });
    await expect(page.evaluate(() => document.documentElement.getAttribute('data-theme'))).resolves.toBe('dark');
  }

  /** The cookies a browser keeps after it is closed: only the persistent ones. */
  async function restart(ctx: BrowserContext): Promise<BrowserContext> {
    const kept = (await ctx.cookies()).filter((c) => c.expires !== -1);
    const next = await fresh();
    await next.addCookies(kept);
    return next;
  }

  it('is in the footer of every page, with a visible label', async () => {
    for (const path of [t[locale].home, t[locale].article, t[locale].policy]) {
      const page = await open(path);
      await expect(page.locator('footer').getByRole('combobox', { name: t[locale].theme }).isVisible()).resolves.toBe(true);
      await page.close();
    }
    const page = await context.newPage();
    await page.goto(t[locale].notFound);
    await expect(page.locator('footer').getByRole('combobox', { name: t[locale].theme }).isVisible()).resolves.toBe(true);
  });

  it('without preferences: kept for the session only (a session cookie), gone after the browser closes', async () => {
    const page = await open(t[locale].article);
    await choose(page, t[locale].dark);
    const cookie = (await context.cookies()).find((c) => c.name === 'theme');
    expect(cookie).toMatchObject({ value: 'dark', expires: -1, path: '/', sameSite: 'Lax', httpOnly: false });
    await themeOnFirstParse();
    await page.reload();
    await waitForHydration(page);
    await expect(page.evaluate(() => (window as unknown as { __themeAtParse: string | null }).__themeAtParse)).resolves.toBe('dark');
    await expect(select(page).inputValue()).resolves.toBe('dark');

    const next = await restart(context);
    try {
      const again = await open(t[locale].article, {}, next);
      await expect(again.evaluate(() => document.documentElement.getAttribute('data-theme'))).resolves.toBeNull();
      await expect(select(again).inputValue()).resolves.toBe('system');
    } finally {
      await next.close();
    }
  });

  it('with preferences: remembered for a year, applied before the first paint, without a hydration warning', async () => {
    await seedConsent({ preferences: true, analytics: false, marketing: false });
    const page = await open(t[locale].article);
    await choose(page, t[locale].dark);
    const cookie = (await context.cookies()).find((c) => c.name === 'theme');
    const days = ((cookie?.expires ?? 0) - Date.now() / 1000) / DAY;
    expect(days).toBeGreaterThan(364);
    expect(days).toBeLessThan(366);

    const next = await restart(context);
    try {
      await next.addInitScript(() => {
        document.addEventListener('DOMContentLoaded', () => {
          (window as unknown as { __themeAtParse: string | null }).__themeAtParse = document.documentElement.getAttribute('data-theme');
        });
      });
      const problems: string[] = [];
      const again = await next.newPage();
      again.on('console', (msg) => {
        if (msg.type() === 'error' || msg.type() === 'warning') problems.push(msg.text());
      });
      again.on('pageerror', (error) => problems.push(error.message));
      await again.goto(t[locale].article);
      await waitForHydration(again);
      await again.waitForLoadState('networkidle');
      await expect(again.evaluate(() => (window as unknown as { __themeAtParse: string | null }).__themeAtParse)).resolves.toBe('dark');
      await expect(select(again).inputValue()).resolves.toBe('dark');
      await expect(again.evaluate(() => getComputedStyle(document.body).backgroundColor)).resolves.toBe('rgb(18, 20, 23)');
      expect(problems).toEqual([]);
    } finally {
      await next.close();
    }
  });

  it('granting preferences after choosing keeps the choice for a year; withdrawing makes it a session cookie again', async () => {
    const page = await open(t[locale].article);
    await choose(page, t[locale].dark);
    await banner(page, locale).getByRole('button', { name: t[locale].accept }).click();
    const themeCookie = async () => (await context.cookies()).find((c) => c.name === 'theme');
    const yearLong = await eventually(page, themeCookie, (c) => (c?.expires ?? -1) > Date.now() / 1000 + 364 * DAY);
    expect(yearLong).toMatchObject({ value: 'dark' });
    await settingsButton(page, locale).click();
    await page.getByRole('switch', { name: t[locale].preferences }).uncheck();
    await dialog(page, locale).getByRole('button', { name: t[locale].save }).click();
    const session = await eventually(page, themeCookie, (c) => c?.expires === -1);
    expect(session).toMatchObject({ value: 'dark', expires: -1 });
  });
});

describe('no Google code without NEXT_PUBLIC_GA_ID', () => {
  it.each([t.en.home, t.fr.home, t.en.article, t.fr.article])('%s has no Google tag, in its HTML or its scripts', async (path) => {
    const html = await (await fetch(`${BASE_URL}${path}`)).text();
    expect(html).not.toMatch(/googletagmanager|google-analytics|dataLayer|gtag/);
    const scripts = [...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    for (const src of scripts) {
      const js = await (await fetch(new URL(src, BASE_URL))).text();
      expect({ src, google: /googletagmanager|dataLayer|gtag\(/.test(js) }).toEqual({ src, google: false });
    }
    await seedConsent({ preferences: true, analytics: true, marketing: true });
    const page = await open(path);
    await expect(page.evaluate(() => 'dataLayer' in window || 'gtag' in window)).resolves.toBe(false);
    expect(thirdParty().filter((r) => /google/.test(r.url()))).toEqual([]);
  });
});
