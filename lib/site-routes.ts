import { locales, routing, type AppPathname, type Locale } from '@/i18n/routing';
import { localizedPath } from '@/i18n/paths';
import type { ContentRepository } from './content/repository';
import { articleCardPath, siteCardPath } from './metadata/social-card';

type StaticPathname = Exclude<AppPathname, `${string}[${string}]${string}`>;

/**
 * Every path a reader can open, in its public (localized) form. The proxy
 * answers anything else with the localized 404 page and status 404.
 * `dynamicPaths` lists the pages with parameters (articles, sections, tags).
 */
function buildKnownPaths(dynamicPaths: (locale: Locale) => string[]): Set<string> {
  const known = new Set<string>();
  const staticPathnames = (Object.keys(routing.pathnames) as AppPathname[]).filter(
    (p): p is StaticPathname => !p.includes('['),
  );
  for (const locale of locales) {
    for (const pathname of staticPathnames) known.add(localizedPath(locale, pathname));
    for (const path of dynamicPaths(locale)) known.add(path);
  }
  return known;
}

/** Normalises a request path the way the router does before matching it. */
function normalisePath(pathname: string): string {
  if (pathname.length > 1 && pathname.endsWith('/')) return pathname.slice(0, -1);
  return pathname;
}

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
