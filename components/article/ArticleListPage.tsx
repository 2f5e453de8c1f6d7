import type { Article } from '@/lib/content/repository';
import { ArticleCard } from './ArticleCard';
import './article.css';

type Props = {
  /** What kind of page this is ("Section", "Topic"), shown above the title. */
  kicker: string;
  title: string;
  stories: { article: Article; kicker?: string }[];
  /** Said instead of an empty list. */
  empty?: string;
};

/** A section or tag page: its name, then its stories newest first. */
export function ArticleListPage({ kicker, title, stories, empty }: Props) {
  return (
    <div className="article-listing">
      <p className="article-listing__kicker">{kicker}</p>
      <h1 className="article-listing__title">{title}</h1>
      {stories.length === 0 && empty ? <p>{empty}</p> : null}
      {stories.length > 0 ? (
        <ul className="article-listing__items">
          {stories.map(({ article, kicker: storyKicker }) => (
            <li key={article.id}>
              <ArticleCard article={article} kicker={storyKicker} headingLevel={2} />
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
