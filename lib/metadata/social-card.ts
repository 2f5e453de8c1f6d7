import type { Locale } from '@/i18n/routing';
import type { Article, Section } from '../content/repository';
import { siteName } from '../site-config';

/**
 * Social cards: the 1200×630 PNG that Facebook, X and LinkedIn show when a page
 * is shared (they do not render the SVG heroes). Drawn with `next/og` by
 * `app/[locale]/articles/[slug]/opengraph-image.tsx` (one per article and
 * language) and `app/[locale]/opengraph-image.tsx` (the site card used by every
 * other page), prerendered at build time.
 */
export const SOCIAL_CARD = { width: 1200, height: 630, type: 'image/png' } as const;

/** Last segment of a card's URL: the route Next makes of `opengraph-image.tsx`. */
const CARD_SEGMENT = 'opengraph-image';

/**
 * The card's own route path. Rewrites only map page paths (`/fr/recherche`),
 * so this is the path of the route file, `app/[locale]/articles/[slug]/…`,
 * with the article's slug in its language, not derived from the public path.
 */
export function articleCardPath(article: Pick<Article, 'locale' | 'slug'>): string {
  return `/${article.locale}/articles/${encodeURIComponent(article.slug)}/${CARD_SEGMENT}`;
}

export function siteCardPath(locale: Locale): string {
  return `/${locale}/${CARD_SEGMENT}`;
}

/** What the card says, in the article's language; also its alt text. */
export function articleCardAlt(article: Pick<Article, 'locale' | 'title'>, section: Section): string {
  return `${siteName[article.locale]} · ${section[article.locale].label} · ${article.title}`;
}

export function siteCardAlt(locale: Locale): string {
  return siteName[locale];
}

/**
 * Text as the card's font can draw it. French typography puts a narrow
 * no-break space (U+202F) before `? ! ;` and inside « »; the bundled font
 * (Geist, next/og's default) has no glyph for it, and a missing glyph makes
 * next/og fetch a font from Google Fonts, which a build must never do. A
 * plain no-break space keeps the line from breaking there all the same.
 */
export function cardText(text: string): string {
  return text.replace(/[\u202F\u2009\u2007]/g, '\u00A0');
}
