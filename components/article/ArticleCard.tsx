import { useLocale, useTimeZone } from 'next-intl';
import { formatArticleDate } from '@/lib/content/format-date';
import type { Article } from '@/lib/content/repository';
import { ArticleImage } from './ArticleImage';
import './article.css';

type Props = {
  article: Article;
  /** Small label above the headline, usually the section. */
  kicker?: string;
  headingLevel?: 2 | 3;
  /** `lead` shows the image first and loads it eagerly; `compact` leaves out the dek. */
  variant?: 'lead' | 'standard' | 'compact';
};

/** A story in a list: headline as the only link, dek, date. */
export function ArticleCard({ article, kicker, headingLevel = 3, variant = 'standard' }: Props) {
  const locale = useLocale();
  const timeZone = useTimeZone();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <article className={`article-card article-card--${variant}`}>
      {variant === 'lead' ? (
        <ArticleImage hero={article.hero} priority sizes="(min-width: 60rem) 40rem, 100vw" />
      ) : null}
      <div className="article-card__text">
        {kicker ? <p className="article-card__kicker">{kicker}</p> : null}
        <Heading className="article-card__title">
          <a href={article.path}>{article.title}</a>
        </Heading>
        {variant === 'compact' ? null : <p className="article-card__dek">{article.dek}</p>}
        <p className="article-card__date">
          <time dateTime={article.published}>{formatArticleDate(article.published, locale, timeZone)}</time>
        </p>
      </div>
    </article>
  );
}
