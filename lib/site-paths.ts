import { locales } from '@/i18n/routing';
import { localizedPath } from '@/i18n/paths';
import type { ContentRepository } from './content/repository';
import { buildKnownPaths, normalisePath } from './known-paths';
import { articleCardPath, siteCardPath } from './metadata/social-card';

/** What the proxy knows of the site's paths for one snapshot of the content. */
export type SiteRoutes = {
  isKnownPath(pathname: string): boolean;
  /** Where a former slug's URL now lives (answered with 308), or null. */
  movedTo(pathname: string): string | null;
};

const tables = new WeakMap<ContentRepository, SiteRoutes>();

/** Built once per content snapshot (a publish replaces the snapshot, so the table follows). */
export function siteRoutes(content: ContentRepository): SiteRoutes {
  const cached = tables.get(content);
  if (cached) return cached;
  const contentPaths = content.listContentPages();
  // Social cards (`…/opengraph-image`) have no file extension, so the proxy sees them too.
  const cardPaths = locales.flatMap((locale) => [siteCardPath(locale), ...content.listArticles(locale).map(articleCardPath)]);
  const knownPaths = buildKnownPaths((locale) => [
    ...contentPaths.filter((p) => p.locale === locale).map((p) => p.path),
    ...cardPaths.filter((p) => p.startsWith(`/${locale}/`)),
  ]);
  const moved = new Map<string, string>();
  for (const locale of locales) {
    for (const article of content.listArticles(locale)) {
      for (const former of article.formerSlugs) moved.set(localizedPath(locale, '/articles/[slug]', { slug: former }), article.path);
    }
  }
  const routes: SiteRoutes = {
    isKnownPath: (pathname) => knownPaths.has(normalisePath(pathname)),
    movedTo: (pathname) => moved.get(normalisePath(pathname)) ?? null,
  };
  tables.set(content, routes);
  return routes;
}
