import { useLocale, useTranslations } from 'next-intl';
import { searchHref } from '@/lib/search/search-urls';

/** Ready-made searches, so that an empty or fruitless search still leads somewhere. */
export function SearchSuggestions({ topics, headingLevel }: { topics: string[]; headingLevel: 2 | 3 }) {
  const t = useTranslations('Search');
  const locale = useLocale();
  if (topics.length === 0) return null;
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <div className="search-suggestions">
      <Heading id="search-suggestions-heading">{t('suggestions')}</Heading>
      <ul aria-labelledby="search-suggestions-heading">
        {topics.map((topic) => (
          <li key={topic}>
            <a href={searchHref(locale, topic)}>{topic}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}
