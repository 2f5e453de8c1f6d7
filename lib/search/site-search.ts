import type { Locale } from '@/i18n/routing';
import type { SearchDocument } from './search-document';
import { createSearchIndex, RESULTS_PER_PAGE, type SearchIndex, type SearchOutcome } from './search-index';
import { parseSearchParams, type RawSearchParams } from './search-params';

/** What the site searches in one language, and what it suggests when a search finds nothing. */
export type SearchCorpus = {
  documents: SearchDocument[];
  /** Topic names offered as ready-made searches (empty query, no results). */
  topics: string[];
};

export type SearchCorpusLoader = (locale: Locale) => Promise<SearchCorpus>;

export type SearchPageState =
  /** No query yet: invite one. */
  | 'empty'
  /** The query had only stop words (`the`, `les`). */
  | 'common-words-only'
  | 'no-results'
  | 'results'
  /** Results exist, but not on the requested page. */
  | 'past-last-page';

export type SearchPageModel = {
  locale: Locale;
  query: string;
  queryWasCut: boolean;
  page: number;
  state: SearchPageState;
  /** `null` for an empty query. */
  outcome: SearchOutcome | null;
  /** Offered in the `empty`, `common-words-only` and `no-results` states. */
  topics: string[];
};

type LoadedIndex = { index: SearchIndex; topics: string[] };

function stateOf(outcome: SearchOutcome): SearchPageState {
  if (outcome.terms.length === 0) return 'common-words-only';
  if (outcome.total === 0) return 'no-results';
  return outcome.hits.length === 0 ? 'past-last-page' : 'results';
}

/**
 * The search behind the results page. Each language's index is built on the
 * first search in that language and kept for the life of the server process:
 * articles only change with a deployment.
 */
export function createSiteSearch(loadCorpus: SearchCorpusLoader, { perPage = RESULTS_PER_PAGE } = {}) {
  const indexes = new Map<Locale, Promise<LoadedIndex>>();

  function indexFor(locale: Locale): Promise<LoadedIndex> {
    let pending = indexes.get(locale);
    if (!pending) {
      pending = loadCorpus(locale).then(({ documents, topics }) => ({
        index: createSearchIndex(locale, documents),
        topics,
      }));
      // A failed load is not remembered: the next request tries again.
      pending.catch(() => indexes.delete(locale));
      indexes.set(locale, pending);
    }
    return pending;
  }

  async function searchPage(locale: Locale, raw: RawSearchParams): Promise<SearchPageModel> {
    const { query, queryWasCut, page } = parseSearchParams(raw);
    const { index, topics } = await indexFor(locale);
    const base = { locale, query, queryWasCut, page, topics };
    if (!query) return { ...base, state: 'empty', outcome: null };
    const outcome = index.search({ query, page, perPage });
    return { ...base, state: stateOf(outcome), outcome };
  }

  return { searchPage };
}
