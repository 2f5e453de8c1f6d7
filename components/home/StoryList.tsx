import type { ReactNode } from 'react';
import { ArticleCard } from '@/components/article/ArticleCard';
import type { Article } from '@/lib/content/repository';
import '@/components/article/article.css';

type Props = {
  id: string;
  heading: ReactNode;
  stories: { article: Article; kicker?: string }[];
  /** A link under the list, e.g. to the section page. */
  more?: { href: string; label: string };
  variant?: 'standard' | 'compact';
};

/** A headed list of story cards: the latest news, or one section's. */
export function StoryList({ id, heading, stories, more, variant = 'standard' }: Props) {
  return (
    <section className={`home-list home-list--${variant}`} aria-labelledby={id}>
      <h2 id={id} className="home-label">
        {heading}
      </h2>
      <ul className="home-list__items">
        {stories.map(({ article, kicker }) => (
          <li key={article.id}>
            <ArticleCard article={article} kicker={kicker} variant={variant} />
          </li>
        ))}
      </ul>
      {more ? (
        <p className="home-list__more">
          <a href={more.href}>{more.label}</a>
        </p>
      ) : null}
    </section>
  );
}
