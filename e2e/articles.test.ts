import { statSync } from 'node:fs';
import type { Page, Route } from 'playwright-core';
import type { Locale } from '@/i18n/routing';
import { leadArticle, listArticles, listContentPages, type Article } from '@/lib/content/repository';
import { NEWS_SITEMAP_WINDOW_MS, recentArticles } from '@/lib/metadata/news-sitemap';
import { absoluteUrl } from '@/lib/site-config';
import { axeViolations, BASE_URL, withBrowser } from './support/browser';
import { CmsClient, EDITOR_PASSWORD, editorAdd, fetchText, LIVE_WITHIN_MS, waitUntil } from './support/cms';
import { DIST_DIR } from './support/config';

// `testTimeout` in a Jest project config is ignored (it is a global option);
// browser tests need more than the 5 s default.
jest.setTimeout(60_000);

const locales: Locale[] = ['en', 'fr'];
const china = {
  en: { path: '/en/articles/canada-china-reset', title: 'Carney and Xi set sights on a new strategic partnership' },
  fr: { path: '/fr/articles/canada-chine-relance', title: 'Carney et Xi jettent les bases d’un nouveau partenariat stratégique' },
};
const sections = { en: '/en/section/world', fr: '/fr/rubrique/monde' };

async function get(path: string, headers: Record<string, string> = {}) {
  return fetch(`${BASE_URL}${path}`, { redirect: 'manual', headers });
}

const { browser, context } = withBrowser();

/** Parses XML with the browser's own strict parser; a well-formedness error comes back as `error`. */
async function parseXmlInBrowser(xml: string, selectors: Record<string, string>) {
  const page = await context().newPage();
  return page.evaluate(
    ({ xml, selectors }) => {
      const doc = new DOMParser().parseFromString(xml, 'application/xml');
      const error = doc.getElementsByTagName('parsererror')[0]?.textContent ?? null;
      const values: Record<string, string[]> = {};
      for (const [name, tag] of Object.entries(selectors)) {
        values[name] = Array.from(doc.getElementsByTagNameNS('*', tag), (el) => el.getAttribute('href') ?? el.textContent ?? '');
      }
      return { error, root: doc.documentElement.localName, values };
    },
    { xml, selectors },
  );
}

describe('home page', () => {
  it.each(locales)('leads with the lead story (%s)', async (locale) => {
    const lead = leadArticle(locale)!;
    const page = await context().newPage();
    await page.goto(`/${locale}`);
    const region = page.getByRole('region', { name: locale === 'en' ? 'Top story' : 'À la une' });
    const link = region.getByRole('link', { name: lead.title });
    await expect(link.getAttribute('href')).resolves.toBe(lead.path);
    await expect(region.getByRole('img').getAttribute('alt')).resolves.toBe(lead.hero.alt);
  });

  it.each(locales)('lists the latest stories and every section (%s)', async (locale) => {
    const page = await context().newPage();
    await page.goto(`/${locale}`);
    const hrefs = await page.locator('main a[href*="/articles/"]').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    expect(listArticles(locale).length).toBeGreaterThan(0);
    for (const article of listArticles(locale).slice(0, 6)) expect(hrefs).toContain(article.path);
    const sectionLinks = await page.locator('.home-list__more a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    expect(sectionLinks).toContain(sections[locale]);
  });
});

describe('article pages', () => {
  it.each(locales)('every %s article and its listing pages answer 200', async (locale) => {
    const paths = listContentPages()
      .filter((p) => p.locale === locale)
      .map((p) => p.path);
    const statuses = await Promise.all(paths.map(async (path) => [path, (await get(path)).status]));
    expect(statuses.filter(([, status]) => status !== 200)).toEqual([]);
  });

  it('shows the English article: headline, dek, byline, dates, reading time, hero, body, tags, related', async () => {
    const page = await context().newPage();
    await page.goto(china.en.path);
    await expect(page.locator('h1').textContent()).resolves.toBe(china.en.title);
    await expect(page.locator('.article-header__dek').textContent()).resolves.toMatch(/^On the first visit to China/);
    await expect(page.locator('.article-byline').textContent()).resolves.toBe('By Northern Dispatch staff');
    await expect(page.locator('time[datetime="2026-01-16T15:20:00-05:00"]').textContent()).resolves.toMatch(/^January 16, 2026 at 3:20/);
    await expect(page.locator('time[datetime="2026-01-16T18:45:00-05:00"]').textContent()).resolves.toMatch(/^January 16, 2026 at 6:45/);
    await expect(page.locator('.article-reading-time').textContent()).resolves.toMatch(/^\d+ min read$/);
    await expect(page.locator('.article-header__section a').getAttribute('href')).resolves.toBe('/en/section/world');
    await expect(page.locator('figure figcaption').textContent()).resolves.toContain('Illustration: Northern Dispatch');
    await expect(page.locator('.article-body blockquote').textContent()).resolves.toContain('Canada remains a core U.S. ally');
    await expect(page.getByRole('region', { name: 'Topics' }).getByRole('link', { name: 'China' }).getAttribute('href')).resolves.toBe('/en/tag/china');
    await expect(page.getByRole('region', { name: 'Related articles' }).getByRole('link').count()).resolves.toBe(3);
  });

  it('shows the French article with Canadian French dates and labels', async () => {
    const page = await context().newPage();
    await page.goto(china.fr.path);
    await expect(page.locator('h1').textContent()).resolves.toBe(china.fr.title);
    await expect(page.locator('time[datetime="2026-01-16T15:20:00-05:00"]').textContent()).resolves.toBe('16 janvier 2026 à 15 h 20 HNE');
    await expect(page.locator('.article-dates').textContent()).resolves.toContain('Mis à jour le 16 janvier 2026 à 18 h 45');
    await expect(page.locator('.article-reading-time').textContent()).resolves.toMatch(/^\d+ minutes? de lecture$/);
    await expect(page.locator('.article-header__section a').getAttribute('href')).resolves.toBe('/fr/rubrique/monde');
    await expect(page.locator('.article-body').textContent()).resolves.toContain('«\u00a0C’est dans ces domaines');
    await expect(page.getByRole('region', { name: 'Sujets' }).getByRole('link', { name: 'Chine' }).getAttribute('href')).resolves.toBe('/fr/etiquette/chine');
    await expect(page.getByRole('region', { name: 'À lire aussi' }).getByRole('link').count()).resolves.toBe(3);
  });

  it('the language switcher moves between the translated slugs, both ways', async () => {
    const page = await context().newPage();
    await page.goto(china.en.path);
    await page.getByRole('link', { name: /Lire en français/ }).click();
    await page.waitForURL(`**${china.fr.path}`);
    await expect(page.locator('h1').textContent()).resolves.toBe(china.fr.title);
    await page.getByRole('link', { name: /Read in English/ }).click();
    await page.waitForURL(`**${china.en.path}`);
    await expect(page.locator('h1').textContent()).resolves.toBe(china.en.title);
  });

  it('the language switcher on a section page lands on the localized section path', async () => {
    const page = await context().newPage();
    await page.goto(sections.en);
    await page.getByRole('link', { name: /Lire en français/ }).click();
    await page.waitForURL(`**${sections.fr}`);
    await expect(page.locator('h1').textContent()).resolves.toBe('Monde');
  });

  it.each(locales)('has canonical, hreflang to the translated slug and parseable NewsArticle JSON-LD (%s)', async (locale) => {
    const page = await context().newPage();
    await page.goto(china[locale].path);
    await expect(page.locator('link[rel="canonical"]').getAttribute('href')).resolves.toBe(absoluteUrl(china[locale].path));
    const hreflang = await page
      .locator('link[rel="alternate"][hreflang]')
      .evaluateAll((links) => Object.fromEntries(links.map((l) => [l.getAttribute('hreflang'), l.getAttribute('href')])));
    expect(hreflang).toEqual({
      'en-CA': absoluteUrl(china.en.path),
      'fr-CA': absoluteUrl(china.fr.path),
      'x-default': absoluteUrl(china.en.path),
    });
    await expect(page.locator('meta[property="og:type"]').getAttribute('content')).resolves.toBe('article');
    await expect(page.locator('meta[property="og:image:alt"]').getAttribute('content')).resolves.toMatch(/\w/);
    const jsonLd = await page.locator('script[type="application/ld+json"]').allTextContents();
    expect(jsonLd).toHaveLength(1);
    const data = JSON.parse(jsonLd[0]!);
    expect(data).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      headline: china[locale].title,
      inLanguage: `${locale}-CA`,
      datePublished: '2026-01-16T15:20:00-05:00',
      mainEntityOfPage: { '@id': absoluteUrl(china[locale].path) },
    });
  });

  it.each([
    ['/en/articles/no-such-story', 'en-CA', 'Page not found'],
    ['/fr/articles/aucun-article', 'fr-CA', 'Page introuvable'],
    ['/fr/articles/canada-china-reset', 'fr-CA', 'Page introuvable'],
    ['/en/articles/..%2f..%2fetc%2fpasswd', 'en-CA', 'Page not found'],
    ['/fr/rubrique/sports', 'fr-CA', 'Page introuvable'],
  ])('%s is a localized 404', async (path, lang, title) => {
    const res = await get(path);
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).toContain(`<html lang="${lang}"`);
    expect(html).toContain(title);
  });

  it.each([...locales.map((l) => `/${l}`), china.en.path, china.fr.path])('%s can be cached by a CDN', async (path) => {
    const cacheControl = (await get(path)).headers.get('cache-control') ?? '';
    expect(cacheControl).toMatch(/s-maxage=\d+/);
    expect(cacheControl).not.toMatch(/private|no-store/);
  });
});

describe('feeds and sitemaps', () => {
  it.each(locales)('the %s RSS feed is well-formed and lists every article', async (locale) => {
    const res = await get(`/${locale}/feed.xml`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/rss+xml');
    const { error, root, values } = await parseXmlInBrowser(await res.text(), { links: 'link', guids: 'guid' });
    expect(error).toBeNull();
    expect(root).toBe('rss');
    expect(values.guids).toEqual(listArticles(locale).map((a) => absoluteUrl(a.path)));
  });

  it.each(['/en', china.fr.path, sections.en, '/fr/page-introuvable'])('%s links its language’s feed from <head>', async (path) => {
    const page = await context().newPage();
    await page.goto(path);
    const locale = path.split('/')[1];
    await expect(page.locator('head link[rel="alternate"][type="application/rss+xml"]').getAttribute('href')).resolves.toBe(
      absoluteUrl(`/${locale}/feed.xml`),
    );
  });

  it('sitemap.xml is well-formed and lists every article in both languages with hreflang links', async () => {
    const res = await get('/sitemap.xml');
    const { error, values } = await parseXmlInBrowser(await res.text(), { locs: 'loc', alternates: 'link' });
    expect(error).toBeNull();
    expect(listContentPages().length).toBeGreaterThan(0);
    expect(listArticles('en').length + listArticles('fr').length).toBeGreaterThan(0);
    for (const page of listContentPages()) expect(values.locs).toContain(absoluteUrl(page.path));
    for (const article of [...listArticles('en'), ...listArticles('fr')]) expect(values.alternates).toContain(absoluteUrl(article.path));
    expect(values.locs!.filter((u) => /\/(account|compte|cart|panier|search|recherche)$/.test(u))).toEqual([]);
  });

  it('robots.txt points at both sitemaps and keeps crawlers out of /api/', async () => {
    const text = await (await get('/robots.txt')).text();
    expect(text).toContain(`Sitemap: ${absoluteUrl('/sitemap.xml')}`);
    expect(text).toContain(`Sitemap: ${absoluteUrl('/news-sitemap.xml')}`);
    expect(text).toMatch(/^Disallow: \/api\/$/m);
  });
});

/**
 * The seed's newest article may be older than the news sitemap's 48-hour
 * window, and then the served file is rightly empty: an article is published
 * through the CMS (as an editor would) so there is an entry to check, and
 * deleted afterwards so the server goes back to the seed.
 */
describe('the Google News sitemap', () => {
  const password = EDITOR_PASSWORD;
  const email = `news-sitemap-${Date.now()}@example.org`;
  const stamp = Date.now().toString(36);
  const story = {
    en: { title: `Port of Halifax reopens its container terminal ${stamp}`, slug: `halifax-terminal-${stamp}` },
    fr: { title: `Le port d’Halifax rouvre son terminal à conteneurs ${stamp}`, slug: `terminal-halifax-${stamp}` },
  };
  const paths = { en: `/en/articles/${story.en.slug}`, fr: `/fr/articles/${story.fr.slug}` };
  // Whole seconds: the sitemap writes the time in the newsroom's zone, without milliseconds.
  const published = new Date(Math.floor((Date.now() - 10 * 60_000) / 1000) * 1000).toISOString();
  const newsSitemapText = async () => (await fetchText('/news-sitemap.xml', { timeoutMs: 5000 })).text;
  let cms: CmsClient;
  let articleId: number | undefined;

  beforeAll(async () => {
    expect(editorAdd(email, password).status).toBe(0);
    cms = await CmsClient.login(email, password);
    const section = await cms.termId('sections', 'business');
    const body = (locale: Locale) => (locale === 'en' ? 'The terminal reopened on Monday.\n\nShips are back.' : 'Le terminal a rouvert lundi.\n\nLes navires sont de retour.');
    const created = await cms.call<{ doc: { id: number } }>('POST', '/articles?locale=en&draft=true', {
      ...story.en,
      dek: 'The terminal was closed for two weeks of repairs.',
      body: body('en'),
      hero: {
        src: '/images/how-tariffs-work.svg',
        width: 1200,
        height: 675,
        credit: 'Illustration: Northern Dispatch',
        alt: 'An abstract illustration of a port.',
        caption: 'The terminal is open again.',
      },
      section,
      tags: [await cms.termId('tags', 'trade')],
      authors: [{ name: 'Northern Dispatch staff', organization: true }],
      published,
      _status: 'draft',
    });
    expect(created.status).toBe(201);
    articleId = created.body.doc.id;
    const fr = await cms.call('PATCH', `/articles/${articleId}?locale=fr&draft=true`, {
      ...story.fr,
      dek: 'Le terminal était fermé depuis deux semaines pour des réparations.',
      body: body('fr'),
      hero: { alt: 'Une illustration abstraite d’un port.', caption: 'Le terminal est de nouveau ouvert.' },
      _status: 'draft',
    });
    expect(fr.status).toBe(200);
    expect((await cms.call('PATCH', `/articles/${articleId}?locale=en`, { _status: 'published' })).status).toBe(200);
  });

  afterAll(async () => {
    if (articleId !== undefined) expect((await cms.call('DELETE', `/articles/${articleId}`)).status).toBe(200);
    await waitUntil(async () => !(await newsSitemapText()).includes(stamp), LIVE_WITHIN_MS, 'test article out of the news sitemap');
  });

  it('is well-formed and lists an article published inside its window, in both languages', async () => {
    await waitUntil(async () => (await newsSitemapText()).includes(stamp), LIVE_WITHIN_MS, 'news sitemap lists the new article');
    const { error, values } = await parseXmlInBrowser(await newsSitemapText(), {
      locs: 'loc',
      names: 'name',
      languages: 'language',
      dates: 'publication_date',
      titles: 'title',
    });
    expect(error).toBeNull();
    const locs = values.locs ?? [];
    expect(locs).toEqual(expect.arrayContaining([absoluteUrl(paths.en), absoluteUrl(paths.fr)]));
    const entry = (path: string) => {
      const i = locs.indexOf(absoluteUrl(path));
      return { name: values.names?.[i], language: values.languages?.[i], at: Date.parse(values.dates?.[i] ?? ''), title: values.titles?.[i] };
    };
    expect(entry(paths.en)).toEqual({ name: 'Northern Dispatch', language: 'en', at: Date.parse(published), title: story.en.title });
    expect(entry(paths.fr)).toEqual({ name: 'Dépêches du Nord', language: 'fr', at: Date.parse(published), title: story.fr.title });

    // Every other entry is a seed article inside the window (the file may date from the build, then every 15 minutes).
    const now = new Date();
    const builtAt = statSync(`${DIST_DIR}/BUILD_ID`).mtimeMs;
    const seed: Article[] = [...listArticles('en'), ...listArticles('fr')];
    for (const article of recentArticles(seed, now)) expect(locs).toContain(absoluteUrl(article.path));
    const others = locs.filter((loc) => loc !== absoluteUrl(paths.en) && loc !== absoluteUrl(paths.fr));
    for (const loc of others) {
      const article = seed.find((a) => absoluteUrl(a.path) === loc);
      expect(article).toBeDefined();
      expect(Date.parse(article!.published)).toBeGreaterThanOrEqual(builtAt - NEWS_SITEMAP_WINDOW_MS);
      expect(Date.parse(article!.published)).toBeLessThanOrEqual(now.getTime());
    }
    expect(values.names).toHaveLength(locs.length);
    expect(values.names!.filter((n) => n !== 'Northern Dispatch' && n !== 'Dépêches du Nord')).toEqual([]);
  });
});

describe('accessibility and images', () => {
  const pages = [...locales.map((l) => `/${l}`), sections.en, sections.fr, china.en.path, china.fr.path, '/fr/etiquette/commerce'];

  it.each(pages)('axe finds no violations on %s', async (path) => {
    const page = await context().newPage();
    await page.goto(path);
    expect(await axeViolations(page)).toEqual([]);
  });

  // Home pages and articles carry images; listings are text only.
  it.each([...locales.map((l) => `/${l}`), china.en.path, china.fr.path])('every image on %s has alt text', async (path) => {
    const page = await context().newPage();
    await page.goto(path);
    const images = await page.locator('img').evaluateAll((imgs) => imgs.map((img) => img.getAttribute('alt')));
    expect(images.length).toBeGreaterThan(0);
    expect(images.filter((alt) => !alt || !alt.trim())).toEqual([]);
  });
});

type Shift = { value: number; hadRecentInput: boolean; sources: string[] };

/**
 * Loads a page with its images held back until the text has been painted, so
 * that an image without a reserved box would push the text down; then returns
 * every layout shift the browser recorded.
 */
async function layoutShiftsWhileImagesArrive(page: Page, path: string): Promise<Shift[]> {
  await page.addInitScript(() => {
    const shifts: Shift[] = [];
    (window as unknown as { __shifts: Shift[] }).__shifts = shifts;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as (PerformanceEntry & {
        value: number;
        hadRecentInput: boolean;
        sources?: { node?: Node | null }[];
      })[]) {
        shifts.push({
          value: entry.value,
          hadRecentInput: entry.hadRecentInput,
          sources: (entry.sources ?? []).map((s) => (s.node instanceof Element ? s.node.tagName + '.' + s.node.className : String(s.node))),
        });
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
  const held: Route[] = [];
  let release = false;
  await page.route('**/images/**', (route) => (release ? route.continue() : void held.push(route)));
  await page.goto(path, { waitUntil: 'domcontentloaded' });
  const nextFrames = () => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  // Only shifts inside the viewport count, so bring the first image's (still
  // empty) box into view before it arrives: on a phone the hero sits below the fold.
  await nextFrames();
  await page.evaluate(() => document.images[0]?.scrollIntoView({ block: 'center' }));
  await nextFrames();
  release = true;
  await Promise.all(held.map((route) => route.continue()));
  // Lazy images below load once scrolled to; their shifts count too.
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await page.waitForFunction(() => Array.from(document.images).every((img) => img.complete && img.naturalWidth > 0));
  await nextFrames();
  return page.evaluate(() => (window as unknown as { __shifts: Shift[] }).__shifts);
}

describe('no layout shift from images', () => {
  const viewports = [
    { width: 375, height: 667 },
    { width: 1280, height: 800 },
  ];
  for (const viewport of viewports) {
    for (const path of ['/en', '/fr', china.en.path, china.fr.path]) {
      it(`${path} at ${viewport.width}x${viewport.height}: cumulative layout shift is 0`, async () => {
        const sized = await browser().newContext({ baseURL: BASE_URL, viewport });
        try {
          const page = await sized.newPage();
          const shifts = await layoutShiftsWhileImagesArrive(page, path);
          const imageCount = await page.locator('img').count();
          expect(imageCount).toBeGreaterThan(0);
          expect(shifts.filter((s) => !s.hadRecentInput)).toEqual([]);
        } finally {
          await sized.close();
        }
      });
    }
  }
});

describe('social cards', () => {
  const entities: Record<string, string> = { '&amp;': '&', '&quot;': '"', '&#x27;': "'", '&#39;': "'", '&lt;': '<', '&gt;': '>' };

  /** `<meta property|name content>` of a page's server HTML (what a network's crawler reads, without JavaScript). */
  async function metaTags(path: string): Promise<Record<string, string[]>> {
    const res = await get(path);
    expect(res.status).toBe(200);
    const tags: Record<string, string[]> = {};
    for (const [tag] of (await res.text()).matchAll(/<meta\b[^>]*>/g)) {
      const key = /\b(?:property|name)="([^"]+)"/.exec(tag)?.[1];
      const content = /\bcontent="([^"]*)"/.exec(tag)?.[1];
      if (key && content !== undefined) (tags[key] ??= []).push(content.replace(/&(?:amp|quot|#x27|#39|lt|gt);/g, (e) => entities[e]!));
    }
    return tags;
  }

  it.each([
    [china.en.path, china.en.title],
    [china.fr.path, china.fr.title],
    ['/fr', 'Dépêches du Nord'],
    [sections.en, 'Northern Dispatch'],
  ])('%s shares a 1200×630 PNG that answers at its og:image URL', async (path, altText) => {
    const meta = await metaTags(path);
    const [image] = meta['og:image'] ?? [];
    expect(meta['og:image']).toHaveLength(1);
    expect(image).toMatch(new RegExp(`^${absoluteUrl('/').replace(/[.?*+^$[\]\\(){}|-]/g, '\\$&')}${path.split('/')[1]}/.+`));
    expect(meta['og:image:type']).toEqual(['image/png']);
    expect(meta['og:image:width']).toEqual(['1200']);
    expect(meta['og:image:height']).toEqual(['630']);
    expect(meta['og:image:alt']?.[0]).toContain(altText);
    expect(meta['twitter:card']).toEqual(['summary_large_image']);
    expect(meta['twitter:image']).toEqual([image]);

    // The URL is absolute on SITE_ORIGIN; ask this server for its path.
    const res = await get(new URL(image!).pathname);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    // A network's crawler and a CDN may keep it; it changes only with a deployment.
    expect(res.headers.get('cache-control')).toBe('public, max-age=0, s-maxage=600, stale-while-revalidate=86400');
    const png = Buffer.from(await res.arrayBuffer());
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.toString('latin1', 12, 16)).toBe('IHDR');
    expect({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) }).toEqual({ width: 1200, height: 630 });
  });

  it('answers 404 for the card of an article that does not exist', async () => {
    expect((await get('/en/articles/no-such-story/opengraph-image')).status).toBe(404);
    expect((await get('/fr/articles/canada-china-reset/opengraph-image')).status).toBe(404);
  });
});
