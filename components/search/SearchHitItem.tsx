import { useFormatter } from 'next-intl';
import { localizedPath } from '@/i18n/paths';
import type { SearchHit } from '@/lib/search/search-index';
import { HighlightedText } from './HighlightedText';

export function SearchHitItem({ hit }: { hit: SearchHit }) {
  const format = useFormatter();
  const { document } = hit;
  const href = localizedPath(document.locale, '/articles/[slug]', { slug: document.slug });
  return (
    <li className="search-hit">
      <article>
        <p className="search-hit__meta">
          <span className="search-hit__section">{document.sectionLabel}</span>
          <time dateTime={document.published}>{format.dateTime(new Date(document.published), { dateStyle: 'long' })}</time>
        </p>
        <h3 className="search-hit__title">
          <a href={href}>
            <HighlightedText segments={hit.title} />
          </a>
        </h3>
        <p className="search-hit__dek">
          <HighlightedText segments={hit.dek} />
        </p>
        <p className="search-hit__snippet">
          <HighlightedText segments={hit.snippet} />
        </p>
      </article>
    </li>
  );
}
