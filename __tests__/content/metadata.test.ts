import type { Metadata } from 'next';
import {
  articleAlternates,
  getArticleBySlug,
  listArticles,
  listArticlesByLocale,
  listContentPages,
  sectionOf,
  tagsOf,
  type Article,
} from '@/lib/content/repository';
import { newsArticleJsonLd, serializeJsonLd } from '@/lib/metadata/json-ld';
import { buildNewsSitemap, recentArticles } from '@/lib/metadata/news-sitemap';
import { buildRssFeed } from '@/lib/metadata/rss-feed';
import { buildSitemap } from '@/lib/metadata/sitemap';
import { buildArticleMetadata, buildPageMetadata } from '@/lib/metadata/page-metadata';
import { absoluteUrl } from '@/lib/site-config';
import { bothLocales } from '../support/render-with-locale';

/** Parses XML strictly (jsdom's DOMParser) and fails on any well-formedness error. */
function parseXml(xml: string): Document {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  const error = doc.getElementsByTagName('parsererror')[0];
  if (error) throw new Error(`Malformed XML: ${error.textContent}`);
  return doc;
}

const texts = (doc: Document, tag: string) => Array.from(doc.getElementsByTagName(tag), (el) => el.textContent ?? '');

const hostile = (article: Article): Article => ({
  ...article,
  title: 'Tariffs & <script>alert("x")</script> ]]> \u0007done',
  dek: 'A dek with </description> inside',
});

describe('RSS feed', () => {
  it.each(bothLocales)('is well-formed RSS 2.0 listing every %s article with absolute URLs', (locale) => {
    const articles = listArticles(locale);
    expect(articles.length).toBeGreaterThan(0);
    const doc = parseXml(buildRssFeed({ locale, title: 'T', description: 'D', articles, sectionOf, tagsOf }));
    expect(doc.documentElement.tagName).toBe('rss');
    expect(doc.documentElement.getAttribute('version')).toBe('2.0');
    expect(texts(doc, 'link').slice(1)).toEqual(articles.map((a) => absoluteUrl(a.path)));
    expect(texts(doc, 'language')).toEqual([locale === 'en' ? 'en-CA' : 'fr-CA']);
    expect(texts(doc, 'pubDate')).toHaveLength(articles.length);
    for (const date of texts(doc, 'pubDate')) expect(date).toMatch(/^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
    expect(doc.getElementsByTagName('atom:link')[0]?.getAttribute('href')).toBe(absoluteUrl(`/${locale}/feed.xml`));
  });

  it('escapes markup and drops characters XML forbids', () => {
    const article = hostile(listArticles('en')[0]!);
    const xml = buildRssFeed({ locale: 'en', title: 'T & Co', description: 'D', articles: [article], sectionOf, tagsOf });
    const doc = parseXml(xml);
    expect(texts(doc, 'title')).toEqual(['T & Co', 'Tariffs & <script>alert("x")</script> ]]> done']);
    expect(xml).not.toContain('<script>');
  });
});

describe('news sitemap', () => {
  const now = new Date('2026-11-28T21:30:00Z');

  it('lists only the articles of the last two days, in both languages', () => {
    const doc = parseXml(buildNewsSitemap(listArticlesByLocale(), now));
    const expected = bothLocales.flatMap((l) => recentArticles(listArticles(l), now).map((a) => absoluteUrl(a.path)));
    expect(expected.length).toBeGreaterThan(0);
    expect(texts(doc, 'loc')).toEqual(expected);
    expect(texts(doc, 'news:language').sort()).toEqual(expected.map((u) => (u.includes('/fr/') ? 'fr' : 'en')).sort());
  });

  it('leaves out older and future articles', () => {
    const article = listArticles('en')[0]!;
    const at = (published: string): Article => ({ ...article, published });
    expect(recentArticles([at('2026-11-26T21:29:00Z')], now)).toEqual([]);
    expect(recentArticles([at('2026-11-28T21:31:00Z')], now)).toEqual([]);
    expect(recentArticles([at('2026-11-26T21:31:00Z')], now)).toHaveLength(1);
  });

  it('builds one entry per article inside its window, from fixtures on both sides of it', () => {
    const [a, b, c] = listArticles('en');
    const at = (article: Article | undefined, published: string): Article => ({ ...article!, published });
    const inside = at(a, '2026-11-28T09:00:00Z');
    const tooOld = at(b, '2026-11-26T21:00:00Z');
    const future = at(c, '2026-11-29T00:00:00Z');
    const insideFr = at(listArticles('fr')[0], '2026-11-26T21:31:00Z');
    const doc = parseXml(buildNewsSitemap({ en: [inside, tooOld, future], fr: [insideFr] }, now));
    expect(texts(doc, 'loc')).toEqual([absoluteUrl(inside.path), absoluteUrl(insideFr.path)]);
    expect(texts(doc, 'news:language')).toEqual(['en', 'fr']);
    expect(texts(doc, 'news:name')).toEqual(['Northern Dispatch', 'Dépêches du Nord']);
    expect(texts(doc, 'news:publication_date')).toEqual([inside.published, insideFr.published]);
    expect(texts(doc, 'news:title')).toEqual([inside.title, insideFr.title]);
  });

  it('is still well-formed with hostile titles', () => {
    const article = { ...hostile(listArticles('fr')[0]!), published: '2026-11-28T10:00:00Z' };
    const doc = parseXml(buildNewsSitemap({ en: [], fr: [article] }, now));
    expect(texts(doc, 'news:title')).toEqual(['Tariffs & <script>alert("x")</script> ]]> done']);
  });
});

describe('sitemap', () => {
  const entries = buildSitemap({ contentPages: listContentPages(), articlesByLocale: listArticlesByLocale() });
  const urls = entries.map((e) => e.url);

  it('lists every article in both languages with hreflang alternates to its translation', () => {
    for (const locale of bothLocales) {
      expect(listArticles(locale).length).toBeGreaterThan(0);
      for (const article of listArticles(locale)) {
        const entry = entries.find((e) => e.url === absoluteUrl(article.path));
        const alternates = articleAlternates(article);
        expect(entry?.alternates?.languages).toEqual({
          'en-CA': absoluteUrl(alternates.en!),
          'fr-CA': absoluteUrl(alternates.fr!),
          'x-default': absoluteUrl(alternates.en!),
        });
        expect(entry?.lastModified).toBe(article.updated);
      }
    }
  });

  it('lists the home pages, sections and tags, and leaves out the noindex placeholders', () => {
    expect(urls).toEqual(expect.arrayContaining([absoluteUrl('/en'), absoluteUrl('/fr'), absoluteUrl('/fr/rubrique/monde'), absoluteUrl('/en/tag/trade')]));
    expect(urls.filter((u) => /\/(account|compte|cart|panier|search|recherche)$/.test(u))).toEqual([]);
    expect(new Set(urls).size).toBe(urls.length);
  });
});

describe('article metadata and JSON-LD', () => {
  const article = getArticleBySlug('fr', 'canada-chine-relance')!;
  const section = sectionOf(article);
  const tags = tagsOf(article);

  it('describes the article for Open Graph and Twitter, with hreflang to the English slug', () => {
    const metadata: Metadata = buildArticleMetadata({ article, section, tags, alternates: articleAlternates(article) });
    expect(metadata.alternates?.canonical).toBe(absoluteUrl('/fr/articles/canada-chine-relance'));
    expect(metadata.alternates?.languages).toEqual({
      'en-CA': absoluteUrl('/en/articles/canada-china-reset'),
      'fr-CA': absoluteUrl('/fr/articles/canada-chine-relance'),
      'x-default': absoluteUrl('/en/articles/canada-china-reset'),
    });
    expect(metadata.alternates?.types).toEqual({
      'application/rss+xml': [{ url: absoluteUrl('/fr/feed.xml'), title: 'Dépêches du Nord' }],
    });
    expect(metadata.openGraph).toMatchObject({
      type: 'article',
      locale: 'fr_CA',
      alternateLocale: ['en_CA'],
      publishedTime: '2026-01-16T15:20:00-05:00',
      modifiedTime: '2026-01-16T18:45:00-05:00',
      section: 'Monde',
    });
  });

  // Networks render neither the SVG hero nor a relative URL: a PNG card at an absolute URL, per language.
  it.each([
    ['en', 'canada-china-reset', 'Northern Dispatch · World · Carney and Xi set sights on a new strategic partnership'],
    ['fr', 'canada-chine-relance', 'Dépêches du Nord · Monde · Carney et Xi jettent les bases d’un nouveau partenariat stratégique'],
  ] as const)('points og:image and twitter:image at the %s social card (PNG, 1200×630, alt in its language)', (locale, slug, alt) => {
    const shown = getArticleBySlug(locale, slug)!;
    const metadata = buildArticleMetadata({
      article: shown,
      section: sectionOf(shown),
      tags: tagsOf(shown),
      alternates: articleAlternates(shown),
    });
    const card = { url: absoluteUrl(`/${locale}/articles/${slug}/opengraph-image`), width: 1200, height: 630, alt, type: 'image/png' };
    expect(card.url).toMatch(/^https?:\/\//);
    expect(metadata.openGraph?.images).toEqual([card]);
    expect(metadata.twitter).toMatchObject({ card: 'summary_large_image', images: [card] });
  });

  it('gives every other page the site card in its language', () => {
    const metadata = buildPageMetadata({ locale: 'fr', title: 'T', description: 'D', alternates: { en: '/en/x', fr: '/fr/x' } });
    const card = { url: absoluteUrl('/fr/opengraph-image'), width: 1200, height: 630, alt: 'Dépêches du Nord', type: 'image/png' };
    expect(metadata.openGraph?.images).toEqual([card]);
    expect(metadata.twitter).toMatchObject({ card: 'summary_large_image', images: [card] });
  });

  it('gives an untranslated page no hreflang to the missing language', () => {
    const metadata = buildPageMetadata({ locale: 'en', title: 'T', description: 'D', alternates: { en: '/en/x', fr: null } });
    expect(metadata.alternates?.languages).toEqual({ 'en-CA': absoluteUrl('/en/x'), 'x-default': absoluteUrl('/en/x') });
    expect(metadata.openGraph).toMatchObject({ type: 'website', alternateLocale: [] });
  });

  it('builds a NewsArticle with what Google asks for', () => {
    const data = newsArticleJsonLd({ article, section, tags });
    expect(data).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      headline: article.title,
      inLanguage: 'fr-CA',
      datePublished: '2026-01-16T15:20:00-05:00',
      dateModified: '2026-01-16T18:45:00-05:00',
      mainEntityOfPage: { '@type': 'WebPage', '@id': absoluteUrl(article.path) },
      author: [{ '@type': 'Organization', name: 'La rédaction de Dépêches du Nord' }],
      publisher: { '@type': 'NewsMediaOrganization', name: 'Dépêches du Nord' },
      image: [
        // A raster image first, for readers of structured data that do not render SVG.
        { '@type': 'ImageObject', url: absoluteUrl('/fr/articles/canada-chine-relance/opengraph-image'), encodingFormat: 'image/png' },
        { '@type': 'ImageObject', url: absoluteUrl('/images/canada-china-reset.svg') },
      ],
    });
  });

  it('serializes JSON-LD that cannot close its script tag and parses back to the same data', () => {
    const data = { headline: '</script><script>alert(1)</script> & \u2028' };
    const json = serializeJsonLd(data);
    expect(json).not.toMatch(/<|>/);
    expect(JSON.parse(json)).toEqual(data);
  });
});
