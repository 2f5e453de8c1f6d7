// Which pages the site serves, for the scripts that request them: the
// server's own sitemap (built from the content repository's
// listContentPages(), so articles, sections and tags follow what is
// published), and the localized paths of the pages the sitemap leaves out
// (search, account, cart are noindex) from i18n routing. No list by hand.
import { localizedPath } from '@/i18n/paths';
import { isLocale, locales, type Locale } from '@/i18n/routing';
import { SetupError } from './processes';

export type PageKind = 'home' | 'article' | 'section' | 'tag' | 'page';
export type SitePage = { path: string; locale: Locale; kind: PageKind };

/** Pages without parameters, in each language (`/fr/recherche`...). */
export type FixedPages = { search: string; cookies: string; privacy: string; account: string; cart: string };

export type SitePages = {
  /** Every page of the sitemap, in its order. */
  pages: SitePage[];
  fixed: Record<Locale, FixedPages>;
  ofKind: (kind: PageKind, locale: Locale) => string[];
};

/** `/en/articles/`, `/fr/rubrique/`...: what the path of a page with this parameter starts with. */
function parameterPrefix(locale: Locale, pathname: '/articles/[slug]' | '/section/[section]' | '/tag/[tag]'): string {
  if (pathname === '/articles/[slug]') return localizedPath(locale, pathname, { slug: '' });
  if (pathname === '/section/[section]') return localizedPath(locale, pathname, { section: '' });
  return localizedPath(locale, pathname, { tag: '' });
}

function kindOf(path: string, locale: Locale): PageKind {
  if (path === localizedPath(locale, '/')) return 'home';
  const rest = (prefix: string) => path.startsWith(prefix) && !path.slice(prefix.length).includes('/');
  if (rest(parameterPrefix(locale, '/articles/[slug]'))) return 'article';
  if (rest(parameterPrefix(locale, '/section/[section]'))) return 'section';
  if (rest(parameterPrefix(locale, '/tag/[tag]'))) return 'tag';
  return 'page';
}

/** Paths of the `<loc>` entries (the origin is the build's SITE_ORIGIN, not this server's). */
export function sitemapPaths(xml: string): string[] {
  const paths: string[] = [];
  for (const match of xml.matchAll(/<loc>([^<]+)<\/loc>/g)) {
    try {
      paths.push(new URL(match[1] ?? '').pathname);
    } catch {
      // Not a URL: not a page.
    }
  }
  return [...new Set(paths)];
}

export function fixedPages(locale: Locale): FixedPages {
  return {
    search: localizedPath(locale, '/search'),
    cookies: localizedPath(locale, '/cookies'),
    privacy: localizedPath(locale, '/privacy'),
    account: localizedPath(locale, '/account'),
    cart: localizedPath(locale, '/cart'),
  };
}

export function sitePagesOf(sitemapXml: string): SitePages {
  const pages = sitemapPaths(sitemapXml).flatMap((path): SitePage[] => {
    const locale = path.split('/')[1];
    return isLocale(locale) ? [{ path, locale, kind: kindOf(path, locale) }] : [];
  });
  const fixed = Object.fromEntries(locales.map((l) => [l, fixedPages(l)])) as Record<Locale, FixedPages>;
  const ofKind = (kind: PageKind, locale: Locale) => pages.filter((p) => p.kind === kind && p.locale === locale).map((p) => p.path);
  return { pages, fixed, ofKind };
}

/**
 * The pages of the server at `origin`. Throws when its sitemap lists no
 * article in some language: a suite must not pass while requesting none.
 */
export async function fetchSitePages(origin: string): Promise<SitePages> {
  const res = await fetch(`${origin}/sitemap.xml`, { signal: AbortSignal.timeout(30_000) });
  const xml = await res.text();
  if (res.status !== 200) throw new SetupError(`GET ${origin}/sitemap.xml answered ${res.status}`);
  const site = sitePagesOf(xml);
  const missing = locales.filter((l) => site.ofKind('article', l).length === 0);
  if (missing.length) throw new SetupError(`The sitemap of ${origin} lists no article in ${missing.join(', ')} (${site.pages.length} pages)`);
  return site;
}
