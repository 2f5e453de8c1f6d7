import { getTranslations } from 'next-intl/server';
import { isLocale, locales } from '@/i18n/routing';
import { getContent } from '@/lib/content/live-content';
import { buildRssFeed } from '@/lib/metadata/rss-feed';
import { siteName } from '@/lib/site-config';

// Built at build time and again after each change (lib/publishing revalidates it).
export const dynamic = 'force-static';
export const dynamicParams = false;

export function generateStaticParams() {
  return locales.map((locale) => ({ locale }));
}

export async function GET(_request: Request, { params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  if (!isLocale(locale)) return new Response('Not found', { status: 404 });
  const t = await getTranslations({ locale, namespace: 'Metadata' });
  const content = await getContent();
  const xml = buildRssFeed({
    locale,
    title: siteName[locale],
    description: t('description'),
    articles: content.listArticles(locale),
    sectionOf: content.sectionOf,
    tagsOf: content.tagsOf,
  });
  return new Response(xml, { headers: { 'Content-Type': 'application/rss+xml; charset=utf-8' } });
}
