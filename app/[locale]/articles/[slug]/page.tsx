import type { Metadata } from 'next';
import { draftMode } from 'next/headers';
import { notFound } from 'next/navigation';
import { ArticleView } from '@/components/article/ArticleView';
import { PageShell } from '@/components/layout/PageShell';
import { isLocale } from '@/i18n/routing';
import { renderArticleBody } from '@/lib/content/article-body';
import { getContent, getPreviewContent } from '@/lib/content/live-content';
import { RELATED_COUNT } from '@/lib/publishing/change-tags';
import { newsArticleJsonLd } from '@/lib/metadata/json-ld';
import { buildArticleMetadata } from '@/lib/metadata/page-metadata';

// Articles published at build time are prerendered; one published later is
// rendered on its first request and kept until a change revalidates it
// (lib/publishing). Slugs that are not published never get here: the proxy
// answers them with the localized 404.
export const dynamicParams = true;

export async function generateStaticParams({ params }: { params: { locale: string } }) {
  if (!isLocale(params.locale)) return [];
  return (await getContent()).listArticles(params.locale).map((a) => ({ slug: a.slug }));
}

type Props = { params: Promise<{ locale: string; slug: string }> };

/** The published article, or in draft mode (an editor's preview) the latest draft. */
async function articleFor(params: Props['params']) {
  const { locale, slug } = await params;
  const { isEnabled: preview } = await draftMode();
  const content = preview ? await getPreviewContent(locale, slug) : await getContent();
  const article = content.getArticleBySlug(locale, slug);
  return article ? { content, article } : null;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const found = await articleFor(params);
  if (!found) return {};
  const { content, article } = found;
  return buildArticleMetadata({
    article,
    section: content.sectionOf(article),
    tags: content.tagsOf(article),
    alternates: content.articleAlternates(article),
  });
}

export default async function ArticlePage({ params }: Props) {
  const found = await articleFor(params);
  if (!found) notFound();
  const { content, article } = found;
  const section = content.sectionOf(article);
  const tags = content.tagsOf(article);
  return (
    <PageShell alternates={content.articleAlternates(article)}>
      <ArticleView
        article={article}
        body={renderArticleBody(article)}
        section={section}
        tags={tags}
        related={content.relatedArticles(article, RELATED_COUNT)}
        jsonLd={newsArticleJsonLd({ article, section, tags })}
      />
    </PageShell>
  );
}
