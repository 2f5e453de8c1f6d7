// The route mix of the load suite, from the pages the server lists in its
// sitemap (articles, sections and tags follow the content) and i18n
// routing's localized paths: no build manifest, no list by hand.
import { localizedPath } from '@/i18n/paths';
import { locales, type Locale } from '@/i18n/routing';
import type { SitePages } from '../../support/site-pages';

export type Expect = 'page' | 'redirect' | 'not-found';
export type Route = { label: string; path: string; headers: Record<string, string>; expect: Expect };

const br = { 'Accept-Encoding': 'br' };
const gzip = { 'Accept-Encoding': 'gzip, deflate' };
/** Encodings in turn over a kind's pages: the first brotli, the second gzip, the third none. */
const turns = [br, gzip, {}];

function route(expect: Expect, label: string, path: string, headers: Record<string, string> = {}): Route {
  const encoding = headers['Accept-Encoding']?.split(',')[0];
  const language = headers['Accept-Language']?.split(',')[0];
  return { label: `${label.padEnd(16)} ${path}${encoding ? ` [${encoding}]` : ''}${language ? ` [${language}]` : ''}`, path, headers, expect };
}

function localeRoutes(site: SitePages, locale: Locale, notes: string[]): Route[] {
  const pick = (kind: 'article' | 'section' | 'tag', n: number) => {
    const paths = site.ofKind(kind, locale).slice(0, n);
    if (paths.length === 0) notes.push(`no ${kind} pages for ${locale} in the sitemap`);
    return paths;
  };
  const home = localizedPath(locale, '/');
  return [
    ...turns.map((headers) => route('page', `home ${locale}`, home, headers)),
    ...pick('article', 3).map((p, i) => route('page', `article ${locale}`, p, turns[i])),
    ...pick('section', 2).map((p, i) => route('page', `section ${locale}`, p, i === 0 ? br : {})),
    ...pick('tag', 1).map((p) => route('page', `tag ${locale}`, p, gzip)),
    route('page', `cookie policy ${locale}`, site.fixed[locale].cookies, br),
  ];
}

/**
 * Searches are a few percent of a news site's page views and the only pages
 * rendered per request: one hit and one miss per language already weigh them
 * well above their real share.
 */
function searchRoutes(site: SitePages): Route[] {
  const queries: Record<Locale, [string, string]> = { en: ['canola', 'zzzz-no-result'], fr: ['énergie', 'zzzz-aucun'] };
  return locales.flatMap((locale) =>
    queries[locale].map((q, i) => route('page', `search ${locale}`, `${site.fixed[locale].search}?q=${encodeURIComponent(q)}`, i === 0 ? br : {})),
  );
}

/** The intended 404s (localized not-found pages, answered by the proxy) and the locale negotiation at /. */
function otherRoutes(): Route[] {
  return [
    route('not-found', '404 en', '/en/no-such-page'),
    route('not-found', '404 fr', '/fr/page-introuvable', br),
    route('not-found', '404 article en', localizedPath('en', '/articles/[slug]', { slug: 'no-such-article' })),
    route('not-found', '404 rubrique fr', localizedPath('fr', '/section/[section]', { section: 'aucune' }), gzip),
    route('redirect', 'locale redirect', '/', { 'Accept-Language': 'fr-CA,fr;q=0.9' }),
    route('redirect', 'locale redirect', '/', { 'Accept-Language': 'en-CA,en;q=0.9' }),
  ];
}

export function routeMix(site: SitePages): { routes: Route[]; notes: string[] } {
  const notes: string[] = [];
  const routes = [...locales.flatMap((l) => localeRoutes(site, l, notes)), ...searchRoutes(site), ...otherRoutes()];
  return { routes, notes };
}

export function statusFits(expect: Expect, status: number): boolean {
  if (expect === 'page') return status === 200;
  if (expect === 'redirect') return status >= 300 && status < 400;
  return status === 404;
}
