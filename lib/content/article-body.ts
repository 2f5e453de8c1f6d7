import type { Locale } from '@/i18n/routing';
import { renderMarkdown } from './markdown';
import { countWords, readingMinutes } from './reading-time';

export type ArticleBody = {
  /** Sanitized HTML, safe to insert as is. */
  html: string;
  plainText: string;
  wordCount: number;
  readingMinutes: number;
};

type BodySource = { body: string; locale: Locale; file?: string };

// Kept apart from the repository so that listing articles (home page, the
// proxy's known paths) never loads the Markdown pipeline.
const rendered = new WeakMap<BodySource, ArticleBody>();

export function renderArticleBody(article: BodySource): ArticleBody {
  const cached = rendered.get(article);
  if (cached) return cached;
  const { html, text } = renderMarkdown(article.body, { locale: article.locale, file: article.file });
  const wordCount = countWords(text, article.locale);
  const body = { html, plainText: text, wordCount, readingMinutes: readingMinutes(wordCount, article.locale) };
  rendered.set(article, body);
  return body;
}
