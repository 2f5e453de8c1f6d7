import { getTranslations } from 'next-intl/server';
import { PageShell } from '@/components/layout/PageShell';
import { PlaceholderNotice } from '@/components/layout/PlaceholderNotice';
import { staticAlternates } from '@/i18n/alternates';
import type { Locale } from '@/i18n/routing';
import { staticPageMetadata } from '@/lib/metadata/page-metadata';

const alternates = staticAlternates('/cart');

export const generateMetadata = staticPageMetadata('Cart', alternates, { descriptionKey: 'body', noindex: true });

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
