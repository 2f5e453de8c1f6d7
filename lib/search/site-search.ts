import type { Locale } from '@/i18n/routing';
import type { SearchDocument } from './search-document';
import { createIncrementalSearchIndex, type IncrementalSearchIndex, type IncrementalSearchIndexOptions } from './incremental-search-index';
import { RESULTS_PER_PAGE, type SearchOutcome } from './search-index';
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

type LoadedIndex = { index: IncrementalSearchIndex; topics: string[] };

/**
 * A language's index, loading or loaded. Changes that arrive while the corpus
 * loads wait in `queued`: the loader may have read the content before them,
 * so they are applied to the index it builds (upserts and removals can be
 * applied twice without harm).
 */
type LanguageSlot = { pending: Promise<LoadedIndex>; loaded: LoadedIndex | null; queued: ((loaded: LoadedIndex) => void)[] };

/** The page's state for an outcome; shared by every search engine so pages read them alike. */
export function stateOf(outcome: SearchOutcome): SearchPageState {
  if (outcome.terms.length === 0) return 'common-words-only';
  if (outcome.total === 0) return 'no-results';
  return outcome.hits.length === 0 ? 'past-last-page' : 'results';
}

export type SiteSearchOptions = { perPage?: number } & IncrementalSearchIndexOptions;

/**
 * The search behind the results page. Each language's index is built on the
 * first search in that language and kept for the life of the server process;
 * the CMS's publications, corrections and takedowns reach it one document at
 * a time (`upsertDocument`, `removeDocument`) instead of through a rebuild.
 */
export function createSiteSearch(loadCorpus: SearchCorpusLoader, { perPage = RESULTS_PER_PAGE, ...indexOptions }: SiteSearchOptions = {}) {
  const slots = new Map<Locale, LanguageSlot>();

  function indexFor(locale: Locale): Promise<LoadedIndex> {
    const existing = slots.get(locale);
    if (existing) return existing.pending;
    const slot: LanguageSlot = {
      loaded: null,
      queued: [],
      pending: loadCorpus(locale).then(({ documents, topics }) => {
        const loaded: LoadedIndex = { index: createIncrementalSearchIndex(locale, documents, indexOptions), topics };
        for (const apply of slot.queued) apply(loaded);
        slot.queued = [];
        slot.loaded = loaded;
        return loaded;
      }),
    };
    // A failed load is not remembered: the next request tries again (and reads the changes queued meanwhile).
    slot.pending.catch(() => {
      if (slots.get(locale) === slot) slots.delete(locale);
    });
    slots.set(locale, slot);
    return slot.pending;
  }

  /** A language not loaded yet needs no change: its first search loads the current corpus. */
  function change(locale: Locale, apply: (loaded: LoadedIndex) => void) {
    const slot = slots.get(locale);
    if (!slot) return;
    if (slot.loaded) apply(slot.loaded);
    else slot.queued.push(apply);
  }

  async function searchPage(locale: Locale, raw: RawSearchParams): Promise<SearchPageModel> {
    const { query, queryWasCut, page } = parseSearchParams(raw);
    const { index, topics } = await indexFor(locale);
    const base = { locale, query, queryWasCut, page, topics };
    if (!query) return { ...base, state: 'empty', outcome: null };
    const outcome = index.search({ query, page, perPage });
    return { ...base, state: stateOf(outcome), outcome };
  }

  return {
    searchPage,
    /** Publishes or corrects one article in one language (by `id` and `locale`). */
    upsertDocument(document: SearchDocument): void {
      change(document.locale, ({ index }) => index.upsert(document));
    },
    /** Takes one article in one language out of the results. */
    removeDocument(locale: Locale, id: string): void {
      change(locale, ({ index }) => index.remove(id));
    },
    /** Replaces the suggested topics of a language (empty query, no results). */
    setTopics(locale: Locale, topics: readonly string[]): void {
      const copy = [...topics];
      change(locale, (loaded) => {
        loaded.topics = copy;
      });
    },
    /** Forgets every language: the next search in each reloads its corpus through the loader. */
    reset(): void {
      for (const slot of slots.values()) slot.loaded?.index.dispose();
      slots.clear();
    },
  };
}

export type SiteSearch = ReturnType<typeof createSiteSearch>;

/**
 * What the site needs from a search engine, in-process or in PostgreSQL
 * (`postgres-search.ts`). Changes may be asynchronous; an engine answers a
 * search only after the changes it was given before it.
 */
export type SiteSearchEngine = {
  searchPage(locale: Locale, raw: RawSearchParams): Promise<SearchPageModel>;
  upsertDocument(document: SearchDocument): void | Promise<void>;
  removeDocument(locale: Locale, id: string): void | Promise<void>;
  setTopics(locale: Locale, topics: readonly string[]): void;
  reset(): void;
};
