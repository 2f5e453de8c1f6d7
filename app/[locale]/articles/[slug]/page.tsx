import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ArticleView } from '@/components/article/ArticleView';
import { PageShell } from '@/components/layout/PageShell';
import { isLocale } from '@/i18n/routing';
import { renderArticleBody } from '@/lib/content/article-body';
import { articleAlternates, getArticleBySlug, listArticles, relatedArticles, sectionOf, tagsOf } from '@/lib/content/repository';
import { newsArticleJsonLd } from '@/lib/metadata/json-ld';
import { buildArticleMetadata } from '@/lib/page-metadata';

// Every article is prerendered; any other slug is a 404 (the proxy answers it).
export const dynamicParams = false;

export function generateStaticParams({ params }: { params: { locale: string } }) {
  return isLocale(params.locale) ? listArticles(params.locale).map((a) => ({ slug: a.slug })) : [];
}

type Props = { params: Promise<{ locale: string; slug: string }> };

async function articleFor(params: Props['params']) {
  const { locale, slug } = await params;
  return getArticleBySlug(locale, slug);
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const article = await articleFor(params);
  if (!article) return {};
  return buildArticleMetadata({
    article,
    section: sectionOf(article),
    tags: tagsOf(article),
    alternates: articleAlternates(article),
  });
}

export default async function ArticlePage({ params }: Props) {
  const article = await articleFor(params);
  if (!article) notFound();
  const section = sectionOf(article);
  const tags = tagsOf(article);
  return (
    <PageShell alternates={articleAlternates(article)}>
      <ArticleView
        article={article}
        body={renderArticleBody(article)}
        section={section}
        tags={tags}
        related={relatedArticles(article, 3)}
        jsonLd={newsArticleJsonLd({ article, section, tags })}
      />
    </PageShell>
  );
}
