import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { PageShell } from '@/components/layout/PageShell';
import { SearchForm } from '@/components/search/SearchForm';
import { staticAlternates } from '@/i18n/alternates';
import type { Locale } from '@/i18n/routing';
import { buildPageMetadata } from '@/lib/page-metadata';

const alternates = staticAlternates('/search');

export async function generateMetadata({ params }: PageProps<'/[locale]/search'>): Promise<Metadata> {
  const locale = (await params).locale as Locale;
  const t = await getTranslations({ locale, namespace: 'Search' });
  return buildPageMetadata({ locale, title: t('title'), description: t('prompt'), alternates, noindex: true });
}

export default async function SearchPage() {
  const t = await getTranslations('Search');
  return (
    <PageShell alternates={alternates} current="search">
      <h1>{t('title')}</h1>
      <SearchForm />
      <section aria-labelledby="search-results-heading" className="search-results">
        <h2 id="search-results-heading">{t('results')}</h2>
        <p>{t('prompt')}</p>
      </section>
    </PageShell>
  );
}
