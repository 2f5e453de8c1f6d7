import type { Locale } from '@/i18n/routing';

/**
 * What the search index needs to know about an article, and no more. The
 * content repository is adapted to this shape (see `site-search.ts`), which
 * keeps the index testable with small fixtures and benchmarkable with a
 * synthetic corpus.
 */
export type SearchDocument = {
  /** Shared by both languages of an article (the content folder name). */
  id: string;
  locale: Locale;
  /** Localized slug, for the article's URL. */
  slug: string;
  title: string;
  dek: string;
  /** Plain text, no markup: snippets are cut from it. */
  body: string;
  /** Section name in the document's language (`Économie`). */
  sectionLabel: string;
  /** ISO 8601 date-time. */
  published: string;
};
