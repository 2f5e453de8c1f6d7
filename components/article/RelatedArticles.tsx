import { useTranslations } from 'next-intl';
import type { Article } from '@/lib/content/repository';
import { ArticleCard } from './ArticleCard';
import './article.css';

/** A section, not an <aside>: a complementary landmark may not sit inside <main>. */
export function RelatedArticles({ articles }: { articles: Article[] }) {
  const t = useTranslations('Article');
  if (articles.length === 0) return null;
  return (
    <section className="article-related" aria-labelledby="article-related-heading">
      <h2 id="article-related-heading">{t('related')}</h2>
      <ul className="article-related__list">
        {articles.map((article) => (
          <li key={article.id}>
            <ArticleCard article={article} />
          </li>
        ))}
      </ul>
    </section>
  );
}
