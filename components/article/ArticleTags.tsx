import { useLocale, useTranslations } from 'next-intl';
import { tagPath, type Tag } from '@/lib/content/repository';
import './article.css';

export function ArticleTags({ tags }: { tags: Tag[] }) {
  const t = useTranslations('Article');
  const locale = useLocale();
  if (tags.length === 0) return null;
  return (
    <section className="article-tags" aria-labelledby="article-tags-heading">
      <h2 id="article-tags-heading" className="article-tags__heading">
        {t('tags')}
      </h2>
      <ul className="article-tags__list">
        {tags.map((tag) => (
          <li key={tag.key}>
            <a href={tagPath(tag, locale)}>{tag[locale].label}</a>
          </li>
        ))}
      </ul>
    </section>
  );
}
