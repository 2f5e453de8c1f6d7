import { useTranslations } from 'next-intl';
import './article.css';

export function ReadingTime({ minutes }: { minutes: number }) {
  const t = useTranslations('Article');
  return <p className="article-reading-time">{t('readingTime', { minutes })}</p>;
}
