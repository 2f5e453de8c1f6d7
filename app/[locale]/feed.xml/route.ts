import { getTranslations } from 'next-intl/server';
import { isLocale, locales } from '@/i18n/routing';
import { listArticles, sectionOf, tagsOf } from '@/lib/content/repository';
import { buildRssFeed } from '@/lib/metadata/rss-feed';
import { siteName } from '@/lib/site-config';

// Built once per language at build time, like the pages it lists.
export const dynamic = 'force-static';
export const dynamicParams = false;

export function generateStaticParams() {
  return locales.map((locale) => ({ locale }));
}

export async function GET(_request: Request, { params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  if (!isLocale(locale)) return new Response('Not found', { status: 404 });
  const t = await getTranslations({ locale, namespace: 'Metadata' });
  const xml = buildRssFeed({
    locale,
    title: siteName[locale],
    description: t('description'),
    articles: listArticles(locale),
    sectionOf,
    tagsOf,
  });
  return new Response(xml, { headers: { 'Content-Type': 'application/rss+xml; charset=utf-8' } });
}
