import type { Alternates } from '@/i18n/alternates';
import { localizedPath } from '@/i18n/paths';
import { locales, type Locale } from '@/i18n/routing';

/** `/fr/recherche?q=%C3%A9nergie&page=2`: page 1 is left out so each page has one URL. */
export function searchHref(locale: Locale, query: string, page = 1): string {
  const path = localizedPath(locale, '/search');
  const params = new URLSearchParams();
  if (query) params.set('q', query);
  if (page > 1) params.set('page', String(page));
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

/**
 * The results page in each language, for the same query. Not the same page
 * number: the other language has other articles and another count.
 */
export function searchAlternates(query: string): Alternates {
  return Object.fromEntries(locales.map((locale) => [locale, searchHref(locale, query)])) as Alternates;
}
