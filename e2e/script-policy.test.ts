import type { BrowserContext, Page } from 'playwright-core';
import { BASE_URL, withBrowser, waitForHydration } from './support/browser';

/*
 * Reader pages allow their inline scripts by hash only (decision record 0008).
 * Every kind of reader page, in both languages, must run with zero
 * `securitypolicyviolation` events and every island working: a missing hash
 * would block a script, and a page would look fine without JavaScript.
 */

const locales = ['en', 'fr'] as const;
type Locale = (typeof locales)[number];

const t = {
  en: { settings: 'Cookie settings', embedArticle: '/en/articles/canada-energy-trade', loadOnce: 'Load this once', search: '/en/search', notFound: '/en/no-such-page' },
  fr: { settings: 'Paramètres des témoins', embedArticle: '/fr/articles/commerce-energie-canada', loadOnce: 'Afficher une seule fois', search: '/fr/recherche', notFound: '/fr/page-inexistante' },
} as const;

/** Kinds of reader page, by the first segment after the locale, as the sitemap lists them. */
const KINDS: Record<Locale, readonly string[]> = {
  en: ['', 'articles', 'section', 'tag', 'search', 'cookies', 'account', 'cart'],
  fr: ['', 'articles', 'rubrique', 'etiquette', 'recherche', 'temoins', 'compte', 'panier'],
};

/** One URL of each kind of page per language, from the sitemap, plus a search with results and a 404. */
async function readerRoutes(locale: Locale): Promise<string[]> {
  const sitemap = await (await fetch(`${BASE_URL}/sitemap.xml`)).text();
  const paths = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!).pathname);
  expect(paths.length).toBeGreaterThan(0);
  const routes = new Map<string, string>();
  for (const path of paths) {
    const [, pathLocale, kind = ''] = path.split('/');
    if (pathLocale === locale && !routes.has(kind)) routes.set(kind, path);
  }
  // Search, account and cart pages need not be in a sitemap: add what is missing by its known path.
  for (const kind of KINDS[locale]) if (!routes.has(kind) && kind !== 'articles' && kind !== 'section' && kind !== 'rubrique' && kind !== 'tag' && kind !== 'etiquette') routes.set(kind, `/${locale}${kind ? `/${kind}` : ''}`);
  expect([...routes.keys()]).toEqual(expect.arrayContaining([...KINDS[locale]]));
  return [...routes.values(), `${t[locale].search}?q=canola`, t[locale].notFound];
}

/** Collects CSP violations from the first byte of every document (init scripts are not subject to the page's policy). */
async function watchViolations(context: BrowserContext): Promise<(page: Page) => Promise<string[]>> {
  await context.addInitScript(() => {
    const seen: string[] = [];
    Object.assign(window, { __cspViolations: seen });
    document.addEventListener('securitypolicyviolation', (event) => {
      seen.push(`${event.effectiveDirective} ${event.blockedURI} ${event.sample}`);
    });
  });
  return (page) => page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);
}

async function openHydrated(page: Page, path: string): Promise<void> {
  const console: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) console.push(message.text());
  });
  const response = await page.goto(path);
  expect(response).not.toBeNull();
  // The consent island turns the footer's settings link into a button once it runs: hydration happened.
  await waitForHydration(page);
  await page.waitForLoadState('networkidle');
  expect(console).toEqual([]);
}

describe.each(locales)('the script policy in Chromium (%s)', (locale) => {
  const { context } = withBrowser();

  it('every kind of reader page runs with zero CSP violations, and the preferences dialog opens', async () => {
    const violationsOf = await watchViolations(context());
    const routes = await readerRoutes(locale);
    expect(routes.length).toBeGreaterThanOrEqual(KINDS[locale].length + 2);
    const results: Record<string, string[]> = {};
    for (const path of routes) {
      const page = await context().newPage();
      await openHydrated(page, path);
      const settings = page.locator('footer').getByRole('button', { name: t[locale].settings });
      await settings.click();
      await page.getByRole('dialog', { name: t[locale].settings }).waitFor({ state: 'visible' });
      results[path] = await violationsOf(page);
      await page.close();
    }
    expect(Object.keys(results)).toHaveLength(routes.length);
    expect(results).toEqual(Object.fromEntries(routes.map((path) => [path, []])));
  });

  it('an embed loads once, inside frame-src, without a violation', async () => {
    const violationsOf = await watchViolations(context());
    // No internet here: the provider is answered by the browser context.
    await context().route('https://*.openstreetmap.org/**', (route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>map</title><p>map</p>' }),
    );
    const page = await context().newPage();
    await openHydrated(page, t[locale].embedArticle);
    const figure = page.locator('figure.embed');
    await figure.scrollIntoViewIfNeeded();
    await figure.getByRole('button', { name: t[locale].loadOnce }).click();
    await figure.locator('iframe').waitFor({ state: 'attached' });
    await expect(figure.locator('iframe').getAttribute('src')).resolves.toMatch(/^https:\/\/www\.openstreetmap\.org\//);
    await page.waitForLoadState('networkidle');
    await expect(violationsOf(page)).resolves.toEqual([]);
  });

  it('an inline script the page does not carry is refused', async () => {
    const violationsOf = await watchViolations(context());
    const page = await context().newPage();
    await openHydrated(page, `/${locale}`);
    // What an injection through the DOM would do: an inline script no hash allows.
    const ran = await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__injected = true';
      document.body.append(script);
      return (window as unknown as { __injected?: boolean }).__injected === true;
    });
    expect(ran).toBe(false);
    await expect(violationsOf(page)).resolves.toEqual([expect.stringMatching(/^script-src-elem inline/)]);
  });
});
