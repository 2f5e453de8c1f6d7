import type { Locale } from '@/i18n/routing';

/**
 * Absolute origin used in canonical URLs, feeds, sitemaps and JSON-LD. Set
 * SITE_ORIGIN in production; the default matches `npm start`.
 */
export const siteOrigin = (process.env.SITE_ORIGIN ?? 'http://localhost:3000').replace(/\/+$/, '');

export const siteName: Record<Locale, string> = {
  en: 'Northern Dispatch',
  fr: 'Dépêches du Nord',
};

export function absoluteUrl(path: string): string {
  return `${siteOrigin}${path.startsWith('/') ? path : `/${path}`}`;
}
