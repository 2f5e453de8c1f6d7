import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { ArticleListPage } from '@/components/article/ArticleListPage';
import { PageShell } from '@/components/layout/PageShell';
import { isLocale } from '@/i18n/routing';
import { articlesWithTag, getTagBySlug, sectionOf, tagAlternates, tagsInUse } from '@/lib/content/repository';
import { buildPageMetadata } from '@/lib/page-metadata';

export const dynamicParams = false;

export function generateStaticParams({ params }: { params: { locale: string } }) {
  const { locale } = params;
  return isLocale(locale) ? tagsInUse(locale).map((t) => ({ tag: t[locale].slug })) : [];
}

type Props = { params: Promise<{ locale: string; tag: string }> };

async function tagFor(params: Props['params']) {
  const { locale, tag: slug } = await params;
  const tag = getTagBySlug(locale, slug);
  return tag && isLocale(locale) ? { locale, tag } : null;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const found = await tagFor(params);
  if (!found) return {};
  const { locale, tag } = found;
  const t = await getTranslations({ locale, namespace: 'Tag' });
  const label = tag[locale].label;
  return buildPageMetadata({ locale, title: label, description: t('description', { tag: label }), alternates: tagAlternates(tag) });
}

export default async function TagPage({ params }: Props) {
  const found = await tagFor(params);
  if (!found) notFound();
  const { locale, tag } = found;
  const t = await getTranslations('Tag');
  return (
    <PageShell alternates={tagAlternates(tag)}>
      <ArticleListPage
        kicker={t('kicker')}
        title={tag[locale].label}
        stories={articlesWithTag(locale, tag.key).map((article) => ({ article, kicker: sectionOf(article)[locale].label }))}
      />
    </PageShell>
  );
}
