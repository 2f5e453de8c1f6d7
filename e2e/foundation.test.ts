import { leadArticle } from '@/lib/content/repository';
import { axeViolations, BASE_URL, withBrowser } from './support/browser';

const routes = [
  { en: '/en', fr: '/fr', h1: { en: 'Today’s news', fr: 'L’actualité du jour' } },
  { en: '/en/account', fr: '/fr/compte', h1: { en: 'Your account', fr: 'Votre compte' } },
  { en: '/en/cart', fr: '/fr/panier', h1: { en: 'Your cart', fr: 'Votre panier' } },
  { en: '/en/search', fr: '/fr/recherche', h1: { en: 'Search', fr: 'Recherche' } },
] as const;

async function get(path: string, headers: Record<string, string> = {}) {
  return fetch(`${BASE_URL}${path}`, { redirect: 'manual', headers });
}

describe('locale negotiation at /', () => {
  it.each([
    ['fr-CA,fr;q=0.9,en;q=0.5', '/fr'],
    ['fr', '/fr'],
    ['en-GB,en;q=0.9', '/en'],
    ['de-DE,de;q=0.9', '/en'],
    ['', '/en'],
  ])('Accept-Language %p goes to %s', async (acceptLanguage, target) => {
    const res = await get('/', acceptLanguage ? { 'accept-language': acceptLanguage } : {});
    expect([307, 308]).toContain(res.status);
    expect(new URL(res.headers.get('location') ?? '', BASE_URL).pathname).toBe(target);
  });

  it('prefers the NEXT_LOCALE cookie over Accept-Language', async () => {
    const res = await get('/', { 'accept-language': 'en-CA', cookie: 'NEXT_LOCALE=fr' });
    expect(new URL(res.headers.get('location') ?? '', BASE_URL).pathname).toBe('/fr');
  });

  it('does not set a locale cookie when nobody switched language', async () => {
    const res = await get('/', { 'accept-language': 'fr' });
    expect(res.headers.get('set-cookie') ?? '').not.toContain('NEXT_LOCALE');
  });
});

describe('routes in both languages', () => {
  for (const route of routes) {
    for (const locale of ['en', 'fr'] as const) {
      it(`${route[locale]} answers 200 with its heading and lang`, async () => {
        const res = await get(route[locale]);
        expect(res.status).toBe(200);
        const html = await res.text();
        expect(html).toContain(`<html lang="${locale}-CA"`);
        expect(html).toMatch(new RegExp(`<h1[^>]*>${route.h1[locale]}</h1>`));
      });
    }
  }

  it('sends English paths under /fr to their French form', async () => {
    const res = await get('/fr/search');
    expect(res.status).toBe(308);
    expect(res.headers.get('location')).toMatch(/\/fr\/recherche$/);
  });

  it('keeps account, cart and search out of search engines', async () => {
    for (const path of ['/en/account', '/fr/panier', '/en/search']) {
      expect(await (await get(path)).text()).toContain('<meta name="robots" content="noindex');
    }
  });
});

describe('unknown paths', () => {
  it.each([
    ['/en/this-does-not-exist', 'Page not found', 'en-CA'],
    ['/fr/cette-page-nexiste-pas', 'Page introuvable', 'fr-CA'],
    ['/en/articles/no-such-article', 'Page not found', 'en-CA'],
    ['/fr/compte/plus/loin', 'Page introuvable', 'fr-CA'],
  ])('%s is a localized 404', async (path, title, lang) => {
    const res = await get(path);
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).toContain(`<html lang="${lang}"`);
    expect(html).toContain(title);
    expect(html).toMatch(/<a[^>]+href="\/(en|fr)"/);
  });

  it('an unknown locale prefix ends on a 404', async () => {
    const first = await get('/de/nachrichten', { 'accept-language': 'de' });
    expect([307, 308]).toContain(first.status);
    const final = await fetch(`${BASE_URL}/de/nachrichten`, { headers: { 'accept-language': 'de' } });
    expect(final.status).toBe(404);
  });
});

describe('in the browser', () => {
  const { context } = withBrowser();

  it('the language switcher lands on the same page in the other language, and back', async () => {
    const page = await context().newPage();
    await page.goto('/en/cart');
    await page.getByRole('link', { name: /Lire en français/ }).click();
    await page.waitForURL('**/fr/panier');
    await expect(page.locator('h1').textContent()).resolves.toBe('Votre panier');
    expect((await context().cookies()).find((c) => c.name === 'NEXT_LOCALE')).toMatchObject({ value: 'fr', expires: -1 });
    await page.getByRole('link', { name: /Read in English/ }).click();
    await page.waitForURL('**/en/cart');
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en-CA');
    expect((await context().cookies()).find((c) => c.name === 'NEXT_LOCALE')).toMatchObject({ value: 'en', expires: -1 });
  });

  it.each(['en', 'fr'])('skip links come first and move focus to main (%s)', async (locale) => {
    const page = await context().newPage();
    await page.goto(`/${locale}/account`);
    await page.keyboard.press('Tab');
    const first = await page.evaluate(() => document.activeElement?.getAttribute('href'));
    expect(first).toBe('#main');
    await page.keyboard.press('Enter');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('main');
  });

  it.each(['en', 'fr'])('keyboard Tab reaches every navigation item (%s)', async (locale) => {
    const page = await context().newPage();
    await page.goto(`/${locale}`);
    const reached = new Set<string>();
    for (let i = 0; i < 25 && reached.size < 4; i++) {
      await page.keyboard.press('Tab');
      const key = await page.evaluate(() => document.activeElement?.getAttribute('data-nav'));
      if (key) reached.add(key);
    }
    expect([...reached].sort()).toEqual(['account', 'cart', 'home', 'search']);
  });

  for (const route of routes) {
    for (const locale of ['en', 'fr'] as const) {
      it(`axe finds no violations on ${route[locale]}`, async () => {
        const page = await context().newPage();
        await page.goto(route[locale]);
        expect(await axeViolations(page)).toEqual([]);
      });
    }
  }

  // The 320 px promise: the narrowest phones read every page without sideways scrolling.
  it.each([
    ...routes.flatMap((route) => [route.en, route.fr]),
    leadArticle('en')!.path,
    leadArticle('fr')!.path,
    '/en/search?q=canola',
    '/fr/recherche?q=canola',
    '/fr/nope',
  ])('nothing overflows a 320 px wide screen on %s', async (path) => {
    const page = await context().newPage();
    await page.setViewportSize({ width: 320, height: 640 });
    await page.goto(path);
    const overflow = await page.evaluate(() => {
      const { scrollWidth } = document.documentElement;
      if (scrollWidth <= window.innerWidth) return null;
      // What sticks out, so that a failure names it.
      const outside = [...document.querySelectorAll('body *')]
        .filter((el) => el.getBoundingClientRect().right > window.innerWidth)
        .map((el) => `${el.localName}${el.classList.length ? `.${[...el.classList].join('.')}` : ''}`);
      return { scrollWidth, outside: outside.slice(0, 10) };
    });
    expect(overflow).toBeNull();
  });

  it.each(['/en/nope', '/fr/nope'])('axe finds no violations on the 404 page %s', async (path) => {
    const page = await context().newPage();
    await page.goto(path);
    expect(await axeViolations(page)).toEqual([]);
  });
});
