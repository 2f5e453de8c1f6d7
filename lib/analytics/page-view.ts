import type { Locale } from '@/i18n/routing';

/**
 * What the page-view beacon sends to POST /api/metrics, and nothing else:
 * the page, its language, and the host name of the page the reader came
 * from. Never the full referrer (its path and query can say what the reader
 * searched or read elsewhere), no identifier, no screen or time data: data
 * minimisation (GDPR art. 5(1)(c)), and the reason the CNIL can treat such
 * audience measurement as low-risk. The server validates the same shape
 * (lib/api/page-view-endpoints.ts); this builder keeps the browser
 * from sending anything the server would refuse.
 */
export type PageViewPayload = { path: string; locale: Locale; referrerHost: string };

export const PAGE_VIEW_ENDPOINT = '/api/metrics';
const MAX_PATH_LENGTH = 300;
// Same rule as the server: a DNS name or IPv4 literal, nothing else (an IPv6
// literal or anything odd is sent as "no referrer").
const HOST_NAME = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;
const PATH_CHARACTERS = /^[A-Za-z0-9\-._~!$&'()*+,;=:@%/]*$/;

/** Host name of a referrer URL, lower case, or '' (none, not a URL, or not a plain host). */
export function referrerHostOf(referrer: string): string {
  let host: string;
  try {
    host = new URL(referrer).hostname.toLowerCase();
  } catch {
    return '';
  }
  return HOST_NAME.test(host) ? host : '';
}

/**
 * The beacon body for this page view, or null when the page is not one of
 * the site's pages in `locale` (the bilingual 404, an over-long path).
 * `pathname` is location.pathname: already percent-encoded, without query.
 */
export function buildPageView(pathname: string, locale: Locale, referrer: string): PageViewPayload | null {
  const inLocale = pathname === `/${locale}` || pathname.startsWith(`/${locale}/`);
  if (!inLocale || pathname.length > MAX_PATH_LENGTH || !PATH_CHARACTERS.test(pathname)) return null;
  return { path: pathname, locale, referrerHost: referrerHostOf(referrer) };
}
