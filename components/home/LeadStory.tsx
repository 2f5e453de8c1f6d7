import { useTranslations } from 'next-intl';
import { ArticleCard } from '@/components/article/ArticleCard';
import type { Article } from '@/lib/content/repository';
import '@/components/article/article.css';

export function LeadStory({ article, kicker }: { article: Article; kicker: string }) {
  const t = useTranslations('Home');
  return (
    <section className="home-lead" aria-labelledby="home-lead-heading">
      <h2 id="home-lead-heading" className="home-label">
        {t('lead')}
      </h2>
      <ArticleCard article={article} kicker={kicker} variant="lead" />
    </section>
  );
}
