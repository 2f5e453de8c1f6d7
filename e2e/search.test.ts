import type { Browser, BrowserContext, Page } from 'playwright-core';
import { axeViolations, BASE_URL, launchBrowser, newContext } from './support/browser';

const searchPath = { en: '/en/search', fr: '/fr/recherche' } as const;

async function getHtml(path: string) {
  const res = await fetch(`${BASE_URL}${path}`, { redirect: 'manual' });
  return { status: res.status, html: await res.text() };
}

/** hrefs of the result titles, in order. */
function resultLinks(html: string): string[] {
  return [...html.matchAll(/<h3 class="search-hit__title"><a href="([^"]+)"/g)].map((m) => m[1] ?? '');
}

describe('server-rendered results (no JavaScript at all)', () => {
  it.each([
    ['/en/search?q=canola', '/en/articles/canola-trade-china', '<mark>Canola</mark>'],
    ['/fr/recherche?q=canola', '/fr/articles/canola-commerce-chine', '<mark>canola</mark>'],
    // Accents, ligatures and prefixes, on the real articles.
    ['/fr/recherche?q=energie', '/fr/articles/commerce-energie-canada', '<mark>énergie</mark>'],
    ['/fr/recherche?q=oeuvre', '/fr/articles/commerce-energie-canada', '<mark>œuvre</mark>'],
    ['/fr/recherche?q=QUEBEC', '/fr/articles/commerce-energie-canada', '<mark>Québec</mark>'],
    ['/en/search?q=canol', '/en/articles/canola-trade-china', '<mark>Canola</mark>'],
  ])('%s finds %s and marks %s', async (path, article, mark) => {
    const { status, html } = await getHtml(path);
    expect(status).toBe(200);
    expect(resultLinks(html)).toContain(article);
    expect(html).toContain(mark);
  });

  it('ranks the article about canola first, in both languages', async () => {
    expect(resultLinks((await getHtml('/en/search?q=canola')).html)[0]).toBe('/en/articles/canola-trade-china');
    expect(resultLinks((await getHtml('/fr/recherche?q=canola')).html)[0]).toBe('/fr/articles/canola-commerce-chine');
  });

  it('answers each query with its own results (nothing cached across queries)', async () => {
    const canola = resultLinks((await getHtml('/en/search?q=canola')).html);
    const g7 = resultLinks((await getHtml('/en/search?q=g7')).html);
    expect(g7[0]).toBe('/en/articles/canada-in-the-g7');
    expect(g7).not.toEqual(canola);
  });

  it.each([
    ['/en/search?q=canola&q=g7', 200],
    ['/fr/recherche?q=canola&page=-1', 200],
    ['/en/search?q=canola&page=abc', 200],
    ['/en/search?q=canola&page=99999999999999999999', 200],
    ['/en/search?q=%00%01', 200],
    ['/fr/recherche?page=2', 200],
    ['/en/search?q=', 200],
  ])('%s never fails (status %i)', async (path, status) => {
    const res = await getHtml(path);
    expect(res.status).toBe(status);
    expect(res.html).toContain('<h1>');
  });

  it('takes the first of repeated q parameters', async () => {
    const { html } = await getHtml('/en/search?q=canola&q=g7');
    expect(html).toContain('value="canola"');
    expect(resultLinks(html)[0]).toBe('/en/articles/canola-trade-china');
  });

  it.each([
    ['en', 'only its first 200 characters were used'],
    ['fr', 'seuls ses 200 premiers caractères ont été utilisés'],
  ] as const)('cuts a 10 KB query to 200 characters and says so (%s)', async (locale, notice) => {
    const long = encodeURIComponent(`canola ${'prairies '.repeat(1250)}`);
    const { status, html } = await getHtml(`${searchPath[locale]}?q=${long}`);
    expect(status).toBe(200);
    expect(html).toContain(notice);
    const value = /id="search-q"[^>]*value="([^"]*)"/.exec(html)?.[1] ?? /value="([^"]*)"[^>]*id="search-q"/.exec(html)?.[1];
    expect(Array.from(value ?? '')).toHaveLength(200);
  });

  it.each([
    ['en', '/en/search?q=canola&page=2', 'Back to the first page of results', '/en/search?q=canola'],
    ['fr', '/fr/recherche?q=canola&page=2', 'Revenir à la première page de résultats', '/fr/recherche?q=canola'],
  ])(
    'a page past the last is empty and links back to page 1 with the query (%s)',
    async (_locale, path, back, firstPage) => {
      // The site has fewer than 11 articles per language, so every query fits on
      // one page; links to further pages are covered by the unit tests.
      const { status, html } = await getHtml(path);
      expect(status).toBe(200);
      expect(resultLinks(html)).toEqual([]);
      expect(html).toContain(`<a href="${firstPage}">${back}</a>`);
    },
  );
});

describe('in the browser', () => {
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });
  afterEach(async () => {
    await context.close();
  });

  async function searchFromHeader(page: Page, from: string, query: string) {
    await page.goto(from);
    await page.locator('#site-search-q').fill(query);
    await page.locator('#site-search-q').press('Enter');
    await page.waitForURL((url) => url.searchParams.get('q') === query);
  }

  for (const javaScriptEnabled of [false, true]) {
    const mode = javaScriptEnabled ? 'with JavaScript' : 'without JavaScript';
    it.each([
      ['en', '/en/cart', 'Quebec', '/en/search', 'for “Quebec”'],
      ['fr', '/fr', 'energie', '/fr/recherche', 'pour « energie »'],
    ])(`searches from the header ${mode} (%s)`, async (_locale, from, query, resultsPath, heading) => {
      context = await newContext(browser, { javaScriptEnabled });
      const page = await context.newPage();
      await searchFromHeader(page, from, query);
      expect(new URL(page.url()).pathname).toBe(resultsPath);
      const count = await page.locator('#search-results-heading').textContent();
      expect(count?.replace(/\s+/g, ' ')).toContain(heading);
      expect(await page.locator('.search-hit').count()).toBeGreaterThan(0);
      expect(await page.locator('.search-hit mark').count()).toBeGreaterThan(0);
      // The page's own form shows the query, ready to refine.
      await expect(page.locator('#search-q').inputValue()).resolves.toBe(query);
    });
  }

  it('switching language on a results page keeps the query', async () => {
    context = await newContext(browser, { javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto('/en/search?q=canola+prices');
    await page.getByRole('link', { name: /Lire en français/ }).click();
    await page.waitForURL('**/fr/recherche?q=canola+prices');
    await expect(page.locator('#search-q').inputValue()).resolves.toBe('canola prices');
    expect(await page.locator('.search-hit').count()).toBeGreaterThan(0);
    await page.getByRole('link', { name: /Read in English/ }).click();
    await page.waitForURL('**/en/search?q=canola+prices');
  });

  it('shows a hostile query as text and runs none of it', async () => {
    context = await newContext(browser);
    const page = await context.newPage();
    const hostile = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">canola';
    await page.goto(`/en/search?q=${encodeURIComponent(hostile)}`);
    await expect(page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).resolves.toBeUndefined();
    await expect(page.locator('main img[src="x"]').count()).resolves.toBe(0);
    const heading = await page.locator('#search-results-heading').textContent();
    expect(heading).toContain('<script>window.__pwned=1</script>');
    await expect(page.locator('#search-q').inputValue()).resolves.toBe(hostile);
  });

  it.each([
    '/en/search?q=canola',
    '/fr/recherche?q=canola',
    '/en/search?q=zeppelin',
    '/fr/recherche?q=zeppelin',
    '/en/search',
    '/fr/recherche?q=canola&page=3',
  ])('axe finds no violations on %s', async (path) => {
    context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(path);
    expect(await axeViolations(page)).toEqual([]);
  });
});
