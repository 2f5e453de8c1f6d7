import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { PageShell } from '@/components/layout/PageShell';
import { SearchForm } from '@/components/search/SearchForm';
import { SearchResults } from '@/components/search/SearchResults';
import type { Locale } from '@/i18n/routing';
import { buildPageMetadata } from '@/lib/metadata/page-metadata';
import { siteSearch } from '@/lib/search/live-search';
import { parseSearchParams } from '@/lib/search/search-params';
import { searchAlternates } from '@/lib/search/search-urls';

// Results depend on `?q=`: this page renders per request (ƒ), unlike the rest of the site.

export async function generateMetadata({ params, searchParams }: PageProps<'/[locale]/search'>): Promise<Metadata> {
  const locale = (await params).locale as Locale;
  const { query } = parseSearchParams(await searchParams);
  const t = await getTranslations({ locale, namespace: 'Search' });
  return buildPageMetadata({
    locale,
    title: query ? t('documentTitle', { query }) : t('title'),
    description: t('prompt'),
    // Canonical and hreflang point at the bare search page: results are not for indexes.
    alternates: searchAlternates(''),
    noindex: true,
  });
}

export default async function SearchPage({ params, searchParams }: PageProps<'/[locale]/search'>) {
  const locale = (await params).locale as Locale;
  const model = await siteSearch.searchPage(locale, await searchParams);
  const t = await getTranslations('Search');
  return (
    <PageShell alternates={searchAlternates(model.query)} current="search">
      <h1>{t('title')}</h1>
      <SearchForm query={model.query} />
      <SearchResults model={model} />
    </PageShell>
  );
}
