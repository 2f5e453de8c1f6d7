import { useLocale, useTimeZone, useTranslations } from 'next-intl';
import { formatArticleDate } from '@/lib/content/format-date';
import type { Article } from '@/lib/content/repository';
import './article.css';

/** Dated correction notes at the end of the story, where the best newsrooms put them, oldest first. */
export function ArticleCorrections({ corrections }: { corrections: Article['corrections'] }) {
  const t = useTranslations('Article');
  const locale = useLocale();
  const timeZone = useTimeZone();
  if (corrections.length === 0) return null;
  return (
    <aside className="article-corrections" aria-labelledby="article-corrections-heading">
      <h2 id="article-corrections-heading" className="article-corrections__heading">
        {t('corrections', { count: corrections.length })}
      </h2>
      <ul className="article-corrections__list">
        {corrections.map((c) => (
          <li key={`${c.date}-${c.note}`} className="article-corrections__item">
            <time dateTime={c.date}>{formatArticleDate(c.date, locale, timeZone, { withTime: true })}</time>
            {t('correctionSeparator')}
            {c.note}
          </li>
        ))}
      </ul>
    </aside>
  );
}
