import { locales, type Locale } from '@/i18n/routing';
import type { Article } from '@/lib/content/repository';
import { absoluteUrl, siteName } from '@/lib/site-config';
import { xmlElement } from './xml';

/** Google News only reads articles published in the last two days. */
export const NEWS_SITEMAP_WINDOW_MS = 2 * 24 * 60 * 60 * 1000;

/** Articles a news sitemap built at `now` lists: published within the window, not in the future. */
export function recentArticles(articles: Article[], now: Date): Article[] {
  const nowMs = now.getTime();
  return articles.filter((a) => {
    const published = Date.parse(a.published);
    return published <= nowMs && nowMs - published <= NEWS_SITEMAP_WINDOW_MS;
  });
}

/**
 * Google News sitemap (https://developers.google.com/search/docs/crawling-indexing/sitemaps/news-sitemap).
 * The publication name must match the one Google News knows, per language.
 */
export function buildNewsSitemap(articlesByLocale: Record<Locale, Article[]>, now: Date): string {
  const urls = locales.flatMap((locale) =>
    recentArticles(articlesByLocale[locale], now).map(
      (a) =>
        `<url>${xmlElement('loc', absoluteUrl(a.path))}<news:news><news:publication>` +
        `${xmlElement('news:name', siteName[locale])}${xmlElement('news:language', locale)}</news:publication>` +
        `${xmlElement('news:publication_date', a.published)}${xmlElement('news:title', a.title)}</news:news></url>`,
    ),
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">',
    ...urls,
    '</urlset>',
    '',
  ].join('\n');
}
