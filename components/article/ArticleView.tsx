import { useLocale } from 'next-intl';
import type { ArticleBody } from '@/lib/content/article-body';
import { sectionPath, type Article, type Section, type Tag } from '@/lib/content/repository';
import { ArticleByline } from './ArticleByline';
import { ArticleCorrections } from './ArticleCorrections';
import { ArticleDates } from './ArticleDates';
import { HeroFigure } from './ArticleImage';
import { ArticleTags } from './ArticleTags';
import { JsonLd } from './JsonLd';
import { ReadingTime } from './ReadingTime';
import { RelatedArticles } from './RelatedArticles';
import './article.css';

type Props = {
  article: Article;
  body: ArticleBody;
  section: Section;
  tags: Tag[];
  related: Article[];
  jsonLd: object;
};

/** The whole article page inside the shell: server-rendered HTML, no client code. */
export function ArticleView({ article, body, section, tags, related, jsonLd }: Props) {
  const locale = useLocale();
  return (
    <>
      <article className="article">
        <header className="article-header">
          <p className="article-header__section">
            <a href={sectionPath(section, locale)}>{section[locale].label}</a>
          </p>
          <h1 className="article-header__title">{article.title}</h1>
          <p className="article-header__dek">{article.dek}</p>
          <div className="article-header__meta">
            <ArticleByline authors={article.authors} />
            <ArticleDates published={article.published} updated={article.updated} />
            <ReadingTime minutes={body.readingMinutes} />
          </div>
        </header>
        <HeroFigure hero={article.hero} />
        {/* Sanitized when rendered from Markdown (lib/content/markdown.ts). */}
        <div className="article-body" dangerouslySetInnerHTML={{ __html: body.html }} />
        <ArticleCorrections corrections={article.corrections} />
        <ArticleTags tags={tags} />
      </article>
      <RelatedArticles articles={related} />
      <JsonLd data={jsonLd} />
    </>
  );
}
