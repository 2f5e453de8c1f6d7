import { defineRouting } from 'next-intl/routing';

export const locales = ['en', 'fr'] as const;
export type Locale = (typeof locales)[number];

/**
 * The single source of truth for locales and localized paths. `next.config.ts`
 * derives its rewrites and redirects from `pathnames`, so the proxy only has to
 * run where a locale must be negotiated (see proxy.ts).
 */
export const routing = defineRouting({
  locales,
  defaultLocale: 'en',
  localePrefix: 'always',
  // Session cookie (no maxAge): it only lives longer once the reader grants
  // the `preferences` consent category, which is decided in the browser.
  localeCookie: { name: 'NEXT_LOCALE', sameSite: 'lax' },
  // hreflang alternates live in each page's <head>; a Link header would only
  // be sent on the few paths the proxy sees.
  alternateLinks: false,
  pathnames: {
    '/': '/',
    '/search': { en: '/search', fr: '/recherche' },
    '/account': { en: '/account', fr: '/compte' },
    '/cart': { en: '/cart', fr: '/panier' },
    '/cookies': { en: '/cookies', fr: '/temoins' },
    '/privacy': { en: '/privacy', fr: '/confidentialite' },
    '/section/[section]': { en: '/section/[section]', fr: '/rubrique/[section]' },
    '/tag/[tag]': { en: '/tag/[tag]', fr: '/etiquette/[tag]' },
    '/articles/[slug]': '/articles/[slug]',
  },
});

export type AppPathname = keyof typeof routing.pathnames;

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

/** BCP 47 tag used for `<html lang>`, Intl formatting and `og:locale`. */
export const localeTags: Record<Locale, { html: string; og: string; name: string }> = {
  en: { html: 'en-CA', og: 'en_CA', name: 'English' },
  fr: { html: 'fr-CA', og: 'fr_CA', name: 'Français' },
};

export function otherLocale(locale: Locale): Locale {
  return locale === 'en' ? 'fr' : 'en';
}
