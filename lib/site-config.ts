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

/**
 * The newsroom's clock. Every date and time on the site is written in it
 * ("6:45 p.m. EST" / "18 h 45 HNE"), never in the reader's zone: pages are
 * prerendered once, the same bytes for every reader. next-intl gets it too,
 * since without one it falls back to the runtime's zone, which differs between
 * the server and a reader's browser.
 */
export const NEWSROOM_TIME_ZONE = 'America/Toronto';
