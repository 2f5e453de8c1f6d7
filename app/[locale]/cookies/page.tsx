import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { CookiePolicy } from '@/components/consent/CookiePolicy';
import { PageShell } from '@/components/layout/PageShell';
import { staticAlternates } from '@/i18n/alternates';
import type { Locale } from '@/i18n/routing';
import { buildPageMetadata } from '@/lib/metadata/page-metadata';

const alternates = staticAlternates('/cookies');

export async function generateMetadata({ params }: PageProps<'/[locale]/cookies'>): Promise<Metadata> {
  const locale = (await params).locale as Locale;
  const t = await getTranslations({ locale, namespace: 'CookiePolicy' });
  return buildPageMetadata({ locale, title: t('title'), description: t('description'), alternates });
}

export default function CookiesPage() {
  return (
    <PageShell alternates={alternates}>
      <CookiePolicy />
    </PageShell>
  );
}
