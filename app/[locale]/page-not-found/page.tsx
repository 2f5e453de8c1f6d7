import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { NotFoundContent } from '@/components/layout/NotFoundContent';
import type { Locale } from '@/i18n/routing';

// The proxy rewrites every unknown path here with status 404. Rendering the
// message as page content (rather than throwing notFound()) keeps it in the
// server HTML: Next 16.3+ only renders a thrown 404 in the browser.
export async function generateMetadata({ params }: PageProps<'/[locale]/page-not-found'>): Promise<Metadata> {
  const locale = (await params).locale as Locale;
  const t = await getTranslations({ locale, namespace: 'NotFound' });
  return { title: t('title'), robots: { index: false, follow: true } };
}

export default function PageNotFound() {
  return <NotFoundContent />;
}
