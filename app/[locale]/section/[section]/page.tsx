import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { ArticleListPage } from '@/components/article/ArticleListPage';
import { PageShell } from '@/components/layout/PageShell';
import { isLocale } from '@/i18n/routing';
import { getContent } from '@/lib/content/live-content';
import { buildPageMetadata } from '@/lib/metadata/page-metadata';

// A section added in the CMS renders on its first request (the proxy lets only known ones through).
export const dynamicParams = true;

export async function generateStaticParams({ params }: { params: { locale: string } }) {
  const { locale } = params;
  return isLocale(locale) ? (await getContent()).listSections().map((s) => ({ section: s[locale].slug })) : [];
}

type Props = { params: Promise<{ locale: string; section: string }> };

async function sectionFor(params: Props['params']) {
  const { locale, section: slug } = await params;
  const content = await getContent();
  const section = content.getSectionBySlug(locale, slug);
  return section && isLocale(locale) ? { content, locale, section } : null;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const found = await sectionFor(params);
  if (!found) return {};
  const { content, locale, section } = found;
  const t = await getTranslations({ locale, namespace: 'Section' });
  const label = section[locale].label;
  return buildPageMetadata({
    locale,
    title: label,
    description: t('description', { section: label }),
    alternates: content.sectionAlternates(section),
  });
}

export default async function SectionPage({ params }: Props) {
  const found = await sectionFor(params);
  if (!found) notFound();
  const { content, locale, section } = found;
  const t = await getTranslations('Section');
  return (
    <PageShell alternates={content.sectionAlternates(section)}>
      <ArticleListPage
        kicker={t('kicker')}
        title={section[locale].label}
        stories={content.articlesInSection(locale, section.key).map((article) => ({ article }))}
        empty={t('empty')}
      />
    </PageShell>
  );
}
