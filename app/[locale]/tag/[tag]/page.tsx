import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { ArticleListPage } from '@/components/article/ArticleListPage';
import { PageShell } from '@/components/layout/PageShell';
import { isLocale } from '@/i18n/routing';
import { getContent } from '@/lib/content/live-content';
import { buildPageMetadata } from '@/lib/metadata/page-metadata';

// A tag that gets its first article after the build renders on its first request.
export const dynamicParams = true;

export async function generateStaticParams({ params }: { params: { locale: string } }) {
  const { locale } = params;
  return isLocale(locale) ? (await getContent()).tagsInUse(locale).map((t) => ({ tag: t[locale].slug })) : [];
}

type Props = { params: Promise<{ locale: string; tag: string }> };

async function tagFor(params: Props['params']) {
  const { locale, tag: slug } = await params;
  const content = await getContent();
  const tag = content.getTagBySlug(locale, slug);
  return tag && isLocale(locale) ? { content, locale, tag } : null;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const found = await tagFor(params);
  if (!found) return {};
  const { content, locale, tag } = found;
  const t = await getTranslations({ locale, namespace: 'Tag' });
  const label = tag[locale].label;
  return buildPageMetadata({ locale, title: label, description: t('description', { tag: label }), alternates: content.tagAlternates(tag) });
}

export default async function TagPage({ params }: Props) {
  const found = await tagFor(params);
  if (!found) notFound();
  const { content, locale, tag } = found;
  const t = await getTranslations('Tag');
  return (
    <PageShell alternates={content.tagAlternates(tag)}>
      <ArticleListPage
        kicker={t('kicker')}
        title={tag[locale].label}
        stories={content.articlesWithTag(locale, tag.key).map((article) => ({ article, kicker: content.sectionOf(article)[locale].label }))}
      />
    </PageShell>
  );
}
