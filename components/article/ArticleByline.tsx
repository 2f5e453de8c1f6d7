import { useFormatter, useTranslations } from 'next-intl';
import type { Article } from '@/lib/content/repository';
import './article.css';

/** "By A and B" / "A et B": names joined the way each language lists them. */
export function ArticleByline({ authors }: { authors: Article['authors'] }) {
  const t = useTranslations('Article');
  const format = useFormatter();
  const names = format.list(
    authors.map((a) => a.name),
    { type: 'conjunction' },
  );
  return <p className="article-byline">{t('byline', { authors: names })}</p>;
}
