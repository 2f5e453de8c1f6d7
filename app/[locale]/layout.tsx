import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { isLocale, localeTags, locales } from '@/i18n/routing';
import { GoogleTagScript } from '@/components/analytics/GoogleTagScript';
import { ConsentRoot } from '@/components/consent/ConsentRoot';
import { ConsentScript } from '@/components/consent/ConsentScript';
import { EarlyInteractionsScript } from '@/components/layout/EarlyInteractionsScript';
import { MAIN_ID, SkipLinks } from '@/components/layout/SkipLinks';
import { ThemeScript } from '@/components/theme/ThemeScript';
import { googleTagId } from '@/lib/analytics/google-tag';
import { feedAlternateTypes } from '@/lib/metadata/page-metadata';
import { siteName, siteOrigin } from '@/lib/site-config';
import '../globals.css';

export function generateStaticParams() {
  return locales.map((locale) => ({ locale }));
}

export async function generateMetadata({ params }: LayoutProps<'/[locale]'>): Promise<Metadata> {
  const { locale } = await params;
  if (!isLocale(locale)) return {};
  const t = await getTranslations({ locale, namespace: 'Metadata' });
  return {
    metadataBase: new URL(siteOrigin),
    title: { default: siteName[locale], template: t('titleTemplate') },
    description: t('description'),
    applicationName: siteName[locale],
    // The RSS link for pages that set no alternates of their own (404); page
    // builders repeat it because a page's `alternates` replaces this one.
    alternates: { types: feedAlternateTypes(locale) },
  };
}

export default async function LocaleLayout({ children, params }: LayoutProps<'/[locale]'>) {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  // Read when pages are prerendered, at build time: without it, no Google code at all.
  const gaId = googleTagId(process.env.NEXT_PUBLIC_GA_ID);
  return (
    // suppressHydrationWarning: the inline consent and theme scripts mark
    // <html> (data-consent*, data-theme) before React hydrates; only this
    // element's attributes.
    <html lang={localeTags[locale].html} dir="ltr" suppressHydrationWarning>
      <head>
        {/* A slow phone may paint the page while it is still being parsed: the
            header's switcher or the banner's buttons would then grow under the
            reader's eyes (layout shift). Holding the first paint until <main>
            opens means banner, header and navigation appear whole. */}
        <link rel="expect" href={`#${MAIN_ID}`} blocking="render" />
        <ConsentScript />
        <ThemeScript />
        <EarlyInteractionsScript />
        {gaId ? <GoogleTagScript id={gaId} /> : null}
      </head>
      <body>
        <SkipLinks />
        <ConsentRoot />
        {children as ReactNode}
      </body>
    </html>
  );
}
