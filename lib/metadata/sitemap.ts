import type { MetadataRoute } from 'next';
import { staticAlternates } from '@/i18n/alternates';
import { locales, type Locale } from '@/i18n/routing';
import { newestUpdate, type Article, type ContentPage } from '@/lib/content/repository';
import { languageAlternates } from '@/lib/metadata/page-metadata';
import { absoluteUrl } from '@/lib/site-config';

/**
 * Pages without parameters that belong in search engines. Account, cart and
 * search are placeholders marked noindex, so listing them would contradict it.
 */
export const INDEXABLE_STATIC_PAGES = ['/', '/cookies', '/privacy'] as const;

type SitemapInput = {
  contentPages: ContentPage[];
  /** The home page changes whenever one of them does. */
  articlesByLocale: Record<Locale, Article[]>;
};

/** Every indexable page in both languages, each with its `xhtml:link` hreflang alternates. */
export function buildSitemap({ contentPages, articlesByLocale }: SitemapInput): MetadataRoute.Sitemap {
  const staticPages = INDEXABLE_STATIC_PAGES.flatMap((pathname) => {
    const alternates = staticAlternates(pathname);
    return locales.map((locale) => ({
      path: alternates[locale] ?? `/${locale}`,
      alternates,
      lastModified: pathname === '/' ? newestUpdate(articlesByLocale[locale]) : null,
    }));
  });
  return [...staticPages, ...contentPages].map((page) => ({
    url: absoluteUrl(page.path),
    ...(page.lastModified ? { lastModified: page.lastModified } : {}),
    alternates: { languages: languageAlternates(page.alternates) },
  }));
}
