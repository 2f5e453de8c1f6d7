import { useLocale, useTimeZone, useTranslations } from 'next-intl';
import { formatArticleDate } from '@/lib/content/format-date';
import './article.css';

type Props = { published: string; updated: string };

/**
 * Publication and update times in the newsroom's time zone. `datetime` keeps
 * the offset the article was written with, so machines read the exact instant.
 */
export function ArticleDates({ published, updated }: Props) {
  const t = useTranslations('Article');
  const locale = useLocale();
  const timeZone = useTimeZone();
  const stamp = (key: 'published' | 'updated', iso: string) =>
    t.rich(key, {
      date: formatArticleDate(iso, locale, timeZone, { withTime: true }),
      time: (chunks) => <time dateTime={iso}>{chunks}</time>,
    });
  const wasUpdated = Date.parse(updated) > Date.parse(published);
  return (
    <p className="article-dates">
      <span className="article-dates__published">{stamp('published', published)}</span>
      {wasUpdated ? <span className="article-dates__updated">{stamp('updated', updated)}</span> : null}
    </p>
  );
}
