import { ImageResponse } from 'next/og';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { cardFonts } from '@/lib/metadata/social-card-font';
import { SiteCard } from '@/components/social/SocialCard';
import { isLocale, locales } from '@/i18n/routing';
import { SOCIAL_CARD } from '@/lib/metadata/social-card';
import { siteName } from '@/lib/site-config';

// The site's social card (1200×630 PNG), one per language, drawn at build
// time: every page other than an article points og:image here
// (lib/metadata/page-metadata.ts).
export const size = { width: SOCIAL_CARD.width, height: SOCIAL_CARD.height };
export const contentType = SOCIAL_CARD.type;
export const dynamic = 'force-static';
export const dynamicParams = false;

export function generateStaticParams() {
  return locales.map((locale) => ({ locale }));
}

export default async function Image({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  const t = await getTranslations({ locale, namespace: 'Metadata' });
  return new ImageResponse(<SiteCard lang={locale} siteName={siteName[locale]} tagline={t('description')} />, {
    ...size,
    fonts: await cardFonts(),
  });
}
