import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { PageShell } from '@/components/layout/PageShell';
import { staticAlternates } from '@/i18n/alternates';
import type { Locale } from '@/i18n/routing';
import { buildPageMetadata } from '@/lib/page-metadata';

const alternates = staticAlternates('/');

export async function generateMetadata({ params }: PageProps<'/[locale]'>): Promise<Metadata> {
  const locale = (await params).locale as Locale;
  const t = await getTranslations({ locale, namespace: 'Home' });
  const m = await getTranslations({ locale, namespace: 'Metadata' });
  return buildPageMetadata({ locale, title: t('title'), description: m('description'), alternates, absoluteTitle: true });
}

export default async function HomePage() {
  const t = await getTranslations('Home');
  return (
    <PageShell alternates={alternates} current="home">
      <h1>{t('heading')}</h1>
    </PageShell>
  );
}
