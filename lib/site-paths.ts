import { locales } from '@/i18n/routing';
import { listArticles, listContentPages } from './content/repository';
import { buildKnownPaths, normalisePath } from './known-paths';
import { articleCardPath, siteCardPath } from './metadata/social-card';

// Built once when the proxy loads: content changes ship with a new build.
const contentPaths = listContentPages();
// Social cards (`…/opengraph-image`) have no file extension, so the proxy sees them too.
const cardPaths = locales.flatMap((locale) => [siteCardPath(locale), ...listArticles(locale).map(articleCardPath)]);
const knownPaths = buildKnownPaths((locale) => [
  ...contentPaths.filter((p) => p.locale === locale).map((p) => p.path),
  ...cardPaths.filter((p) => p.startsWith(`/${locale}/`)),
]);

export function isKnownPath(pathname: string): boolean {
  return knownPaths.has(normalisePath(pathname));
}
