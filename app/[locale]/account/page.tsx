import { getTranslations } from 'next-intl/server';
import { PageShell } from '@/components/layout/PageShell';
import { PlaceholderNotice } from '@/components/layout/PlaceholderNotice';
import { staticAlternates } from '@/i18n/alternates';
import type { Locale } from '@/i18n/routing';
import { staticPageMetadata } from '@/lib/metadata/page-metadata';

const alternates = staticAlternates('/account');

export const generateMetadata = staticPageMetadata('Account', alternates, { descriptionKey: 'body', noindex: true });

export default async function AccountPage({ params }: PageProps<'/[locale]/account'>) {
  const locale = (await params).locale as Locale;
  const t = await getTranslations('Account');
  return (
    <PageShell alternates={alternates} current="account">
      <PlaceholderNotice title={t('title')} backHref={`/${locale}`} backLabel={t('back')}>
        <p>{t('body')}</p>
      </PlaceholderNotice>
    </PageShell>
  );
}
