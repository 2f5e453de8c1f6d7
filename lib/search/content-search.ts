import { renderArticleBody } from '@/lib/content/article-body';
import type { Article, ContentRepository } from '@/lib/content/repository';
import type { SearchDocument } from './search-document';
import type { SearchCorpusLoader } from './site-search';

/** How many topics an empty or fruitless search suggests. */
const SUGGESTED_TOPICS = 6;

/**
 * `body` defaults to the article's text as the Markdown pipeline renders it;
 * the scale benchmark passes text it derived more cheaply (and checks it).
 */
export function articleToSearchDocument(
  article: Article,
  repository: ContentRepository,
  body: string = renderArticleBody(article).plainText,
): SearchDocument {
  return {
    id: article.id,
    locale: article.locale,
    slug: article.slug,
    title: article.title,
    dek: article.dek,
    // The words a reader sees: no Markdown syntax, no markup.
    body,
    sectionLabel: repository.sectionOf(article)[article.locale].label,
    published: article.published,
  };
}

/** The articles of a language, and its most used tags as suggested searches. */
export function contentSearchCorpus(repository: ContentRepository): SearchCorpusLoader {
  return async (locale) => ({
    documents: repository.listArticles(locale).map((article) => articleToSearchDocument(article, repository)),
    topics: repository
      .tagsInUse(locale)
      .map((tag) => ({ label: tag[locale].label, count: repository.articlesWithTag(locale, tag.key).length }))
      .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, locale))
      .slice(0, SUGGESTED_TOPICS)
      .map(({ label }) => label),
  });
}
