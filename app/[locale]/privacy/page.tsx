import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { PageShell } from '@/components/layout/PageShell';
import { PrivacyPolicy } from '@/components/privacy/PrivacyPolicy';
import { staticAlternates } from '@/i18n/alternates';
import type { Locale } from '@/i18n/routing';
import { buildPageMetadata } from '@/lib/metadata/page-metadata';
import { privacyOfficerFromEnv, warnIfPrivacyOfficerMissing } from '@/lib/privacy/privacy-officer';

const alternates = staticAlternates('/privacy');
const officer = privacyOfficerFromEnv();
warnIfPrivacyOfficerMissing(officer);

export async function generateMetadata({ params }: PageProps<'/[locale]/privacy'>): Promise<Metadata> {
  const locale = (await params).locale as Locale;
  const t = await getTranslations({ locale, namespace: 'Privacy' });
  return buildPageMetadata({ locale, title: t('title'), description: t('description'), alternates });
}

export default function PrivacyPage() {
  return (
    <PageShell alternates={alternates}>
      <PrivacyPolicy officer={officer} />
    </PageShell>
  );
}
