import type { Metadata } from 'next';
import type { Alternates } from '@/i18n/alternates';
import { localeTags, routing, type Locale } from '@/i18n/routing';
import { absoluteUrl, siteName } from './site-config';

export type PageMetadataInput = {
  locale: Locale;
  title: string;
  description: string;
  alternates: Alternates;
  /** Placeholders (account, cart, search results) must stay out of indexes. */
  noindex?: boolean;
  /** Absolute title: used by the home page, whose title is the site name. */
  absoluteTitle?: boolean;
  openGraph?: Metadata['openGraph'];
};

/** hreflang map with x-default, pointing at the translated paths. */
export function languageAlternates(alternates: Alternates): Record<string, string> {
  const languages: Record<string, string> = {};
  for (const locale of routing.locales) {
    const path = alternates[locale];
    if (path) languages[localeTags[locale].html] = absoluteUrl(path);
  }
  const fallback = alternates[routing.defaultLocale] ?? Object.values(alternates).find(Boolean);
  if (fallback) languages['x-default'] = absoluteUrl(fallback);
  return languages;
}

export function buildPageMetadata(input: PageMetadataInput): Metadata {
  const { locale, title, description, alternates, noindex, absoluteTitle } = input;
  const canonicalPath = alternates[locale];
  const canonical = canonicalPath ? absoluteUrl(canonicalPath) : undefined;
  const other = routing.locales.filter((l) => l !== locale && alternates[l]);
  return {
    title: absoluteTitle ? { absolute: title } : title,
    description,
    alternates: { canonical, languages: languageAlternates(alternates) },
    robots: noindex ? { index: false, follow: true } : undefined,
    openGraph: {
      type: 'website',
      siteName: siteName[locale],
      locale: localeTags[locale].og,
      alternateLocale: other.map((l) => localeTags[l].og),
      url: canonical,
      title,
      description,
      ...input.openGraph,
    },
    twitter: { card: 'summary_large_image', title, description },
  };
}
