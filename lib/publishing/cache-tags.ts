// Relative imports: next.config.ts loads this module, and its loader does not resolve the @/ alias.
import { toPattern } from '../../i18n/path-rewrites';
import { localizedPath } from '../../i18n/paths';
import { isLocale, locales, routing, type Locale } from '../../i18n/routing';
import { isSlug } from '../content/slug';

/**
 * Cache tags: the unit of change. A page names the tags it depends on once
 * (in its `Cache-Tag` / `Surrogate-Key` headers, from `cacheTagHeaderRules`);
 * a change names the tags it touches (lib/publishing/change-tags.ts); the same
 * names drive Next's revalidation, the production server's page cache and the
 * CDN purge. Tags are made of the page's own path parts (kind, language,
 * slug), so a tag maps back to its URLs without a lookup table, and a header
 * rule can write them from the route's parameters.
 */
export const SITE_TAG = 'site';

export const cacheTag = {
  article: (locale: Locale, slug: string) => `article-${locale}-${slug}`,
  home: (locale: Locale) => `home-${locale}`,
  section: (locale: Locale, slug: string) => `section-${locale}-${slug}`,
  tag: (locale: Locale, slug: string) => `tag-${locale}-${slug}`,
  feed: (locale: Locale) => `feed-${locale}`,
  search: (locale: Locale) => `search-${locale}`,
  sitemap: 'sitemap',
  newsSitemap: 'news-sitemap',
} as const;

/** What a tag covers in the production server's page cache and in Next's. */
export type TaggedPaths = {
  /** Public paths, e.g. `/fr/rubrique/economie`. */
  paths: string[];
  /** Path prefixes whose per-URL entries (search results, any query) all go. */
  prefixes: string[];
  /** The route paths Next knows them by, for `revalidatePath` (`/fr/section/economie`). */
  routePaths: string[];
};

const routeOf = (locale: Locale, internal: string) => (internal === '/' ? `/${locale}` : `/${locale}${internal}`);

/** The URLs of one tag; an unknown tag covers nothing. `site` is handled by the caller (everything). */
export function pathsOfTag(tag: string): TaggedPaths {
  const none: TaggedPaths = { paths: [], prefixes: [], routePaths: [] };
  if (tag === cacheTag.sitemap) return { paths: ['/sitemap.xml'], prefixes: [], routePaths: ['/sitemap.xml'] };
  if (tag === cacheTag.newsSitemap) return { paths: ['/news-sitemap.xml'], prefixes: [], routePaths: ['/news-sitemap.xml'] };
  const match = /^(article|home|section|tag|feed|search)-(en|fr)(?:-(.+))?$/.exec(tag);
  if (!match) return none;
  const [, kind, locale, slug] = match;
  if (!isLocale(locale)) return none;
  if (kind === 'home' && !slug) return { paths: [`/${locale}`], prefixes: [], routePaths: [`/${locale}`] };
  if (kind === 'feed' && !slug) return { paths: [`/${locale}/feed.xml`], prefixes: [], routePaths: [`/${locale}/feed.xml`] };
  if (kind === 'search' && !slug) {
    const path = localizedPath(locale, '/search');
    return { paths: [path], prefixes: [`${path}?`], routePaths: [routeOf(locale, '/search')] };
  }
  if (!slug || !isSlug(slug)) return none;
  if (kind === 'article') {
    const path = localizedPath(locale, '/articles/[slug]', { slug });
    const card = `${path}/opengraph-image`;
    return { paths: [path, card], prefixes: [], routePaths: [path, card] };
  }
  if (kind === 'section') {
    return { paths: [localizedPath(locale, '/section/[section]', { section: slug })], prefixes: [], routePaths: [routeOf(locale, `/section/${slug}`)] };
  }
  if (kind === 'tag') {
    return { paths: [localizedPath(locale, '/tag/[tag]', { tag: slug })], prefixes: [], routePaths: [routeOf(locale, `/tag/${slug}`)] };
  }
  return none;
}

type HeaderRule = { source: string; headers: { key: string; value: string }[] };

/**
 * Only a slug-shaped parameter becomes a tag: a 15 KB junk path would
 * otherwise come back as a 15 KB response header, past what clients parse.
 * Such paths are 404s and keep the `site` tag of the catch-all rule.
 */
const SLUG_PARAM = '([a-z0-9][a-z0-9-]{0,199})';

function publicPattern(locale: Locale, pathname: keyof typeof routing.pathnames): string {
  const template = routing.pathnames[pathname] as string | Record<Locale, string>;
  const localized = typeof template === 'string' ? template : template[locale];
  return localized === '/' ? `/${locale}` : `/${locale}${toPattern(localized, SLUG_PARAM)}`;
}

function tagHeaders(tags: string[]): { key: string; value: string }[] {
  const all = [...tags, SITE_TAG];
  // Cloudflare and Akamai read Cache-Tag (comma-separated), Fastly Surrogate-Key (space-separated).
  return [
    { key: 'Cache-Tag', value: all.join(',') },
    { key: 'Surrogate-Key', value: all.join(' ') },
  ];
}

/**
 * next.config.ts `headers()` rules giving every reader page its tags. Next
 * fills `:slug` in a value from the matched path, which is why tags are made
 * of path parts. Pages that depend on no article (cookies, account) carry only
 * `site`, purged with everything.
 */
export function cacheTagHeaderRules(): HeaderRule[] {
  const rules: HeaderRule[] = [{ source: '/:locale(en|fr)/:path*', headers: tagHeaders([]) }];
  for (const locale of locales) {
    rules.push(
      { source: `/${locale}`, headers: tagHeaders([cacheTag.home(locale)]) },
      { source: `/${locale}/feed.xml`, headers: tagHeaders([cacheTag.feed(locale)]) },
      { source: publicPattern(locale, '/search'), headers: tagHeaders([cacheTag.search(locale)]) },
      { source: publicPattern(locale, '/articles/[slug]'), headers: tagHeaders([cacheTag.article(locale, ':slug')]) },
      { source: `${publicPattern(locale, '/articles/[slug]')}/opengraph-image`, headers: tagHeaders([cacheTag.article(locale, ':slug')]) },
      { source: publicPattern(locale, '/section/[section]'), headers: tagHeaders([cacheTag.section(locale, ':section')]) },
      { source: publicPattern(locale, '/tag/[tag]'), headers: tagHeaders([cacheTag.tag(locale, ':tag')]) },
    );
  }
  rules.push(
    { source: '/sitemap.xml', headers: tagHeaders([cacheTag.sitemap]) },
    { source: '/news-sitemap.xml', headers: tagHeaders([cacheTag.newsSitemap]) },
  );
  return rules;
}
