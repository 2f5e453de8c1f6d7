import { useTranslations } from 'next-intl';
import { MAX_QUERY_LENGTH } from '@/lib/search/search-params';
import { MAX_QUERY_TERMS } from '@/lib/search/search-index';
import type { SearchPageModel } from '@/lib/search/site-search';
import { searchHref } from '@/lib/search/search-urls';
import { SearchHitItem } from './SearchHitItem';
import { SearchPagination } from './SearchPagination';
import { SearchSuggestions } from './SearchSuggestions';
import './search.css';

const HEADING_ID = 'search-results-heading';

/** Everything under the search form: notices, the count, results or a way on. */
export function SearchResults({ model }: { model: SearchPageModel }) {
  const t = useTranslations('Search');
  const { locale, query, queryWasCut, state, outcome, topics } = model;

  const notices = (
    <>
      {queryWasCut ? <p className="search-notice">{t('queryCut', { max: MAX_QUERY_LENGTH })}</p> : null}
      {outcome?.termsCapped ? <p className="search-notice">{t('termsCapped', { max: MAX_QUERY_TERMS })}</p> : null}
    </>
  );

  if (state === 'empty' || !outcome) {
    return (
      <div className="search-results">
        {notices}
        <p>{t('prompt')}</p>
        <SearchSuggestions topics={topics} headingLevel={2} />
      </div>
    );
  }

  return (
    <section aria-labelledby={HEADING_ID} className="search-results">
      {notices}
      <h2 id={HEADING_ID}>{t('count', { count: outcome.total, query })}</h2>
      {state === 'results' ? (
        <>
          {outcome.match === 'some' ? <p className="search-notice">{t('someTerms')}</p> : null}
          <ol className="search-hits" start={(outcome.page - 1) * outcome.perPage + 1}>
            {outcome.hits.map((hit) => (
              <SearchHitItem key={hit.document.id} hit={hit} />
            ))}
          </ol>
          <SearchPagination query={query} page={outcome.page} pageCount={outcome.pageCount} />
        </>
      ) : null}
      {state === 'past-last-page' ? (
        <p>
          {t('pastLastPage', { page: outcome.page })}{' '}
          <a href={searchHref(locale, query)}>{t('firstPage')}</a>
        </p>
      ) : null}
      {state === 'no-results' || state === 'common-words-only' ? (
        <>
          <p>{state === 'no-results' ? t('noResults') : t('commonWordsOnly')}</p>
          <SearchSuggestions topics={topics} headingLevel={3} />
        </>
      ) : null}
    </section>
  );
}
