import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { PageShell } from '@/components/layout/PageShell';
import { PlaceholderNotice } from '@/components/layout/PlaceholderNotice';
import { staticAlternates } from '@/i18n/alternates';
import type { Locale } from '@/i18n/routing';
import { buildPageMetadata } from '@/lib/metadata/page-metadata';

const alternates = staticAlternates('/cart');

export async function generateMetadata({ params }: PageProps<'/[locale]/cart'>): Promise<Metadata> {
  const locale = (await params).locale as Locale;
  const t = await getTranslations({ locale, namespace: 'Cart' });
  return buildPageMetadata({ locale, title: t('title'), description: t('body'), alternates, noindex: true });
}

export default async function CartPage({ params }: PageProps<'/[locale]/cart'>) {
  const locale = (await params).locale as Locale;
  const t = await getTranslations('Cart');
  return (
    <PageShell alternates={alternates} current="cart">
      <PlaceholderNotice title={t('title')} backHref={`/${locale}`} backLabel={t('back')}>
        <p className="cart-empty" role="status">
          {t('empty')}
        </p>
        <p>{t('body')}</p>
      </PlaceholderNotice>
    </PageShell>
  );
}
