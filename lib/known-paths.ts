import { localizedPath } from '@/i18n/paths';
import { locales, routing, type AppPathname, type Locale } from '@/i18n/routing';

type StaticPathname = Exclude<AppPathname, `${string}[${string}]${string}`>;

/**
 * Every path a reader can open, in its public (localized) form. The proxy
 * answers anything else with the localized 404 page and status 404.
 * `dynamicPaths` lists the pages with parameters (articles, sections, tags).
 */
export function buildKnownPaths(dynamicPaths: (locale: Locale) => string[]): Set<string> {
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
export function normalisePath(pathname: string): string {
  if (pathname.length > 1 && pathname.endsWith('/')) return pathname.slice(0, -1);
  return pathname;
}
