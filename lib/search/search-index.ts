import MiniSearch, { type Options, type SearchOptions, type SearchResult } from 'minisearch';
import type { Locale } from '@/i18n/routing';
import { bodySnippet, highlightWords, type TextSegment } from './highlight';
import { foldText, splitWords } from './normalize';
import type { SearchDocument } from './search-document';
import { isIndexable } from './stop-words';

export const RESULTS_PER_PAGE = 10;
/**
 * Every query term costs a prefix and a fuzzy walk of the index: a 200-character
 * query of short words would otherwise cost ~100 walks. Readers are told when
 * words were left out.
 */
export const MAX_QUERY_TERMS = 10;

type IndexedField = 'title' | 'dek' | 'sectionLabel' | 'body';

/** Title and dek describe the article; the body merely mentions things. */
const FIELD_BOOST: Record<IndexedField, number> = { title: 4, dek: 2, sectionLabel: 1.5, body: 1 };

/**
 * Prefix search from 4 letters (`cano`, `canol` → canola). A 3-letter prefix
 * expands to hundreds of terms in a large archive and scores most of it: the
 * benchmark measured p95 several times the 10 ms goal at 10,000 articles.
 */
const prefixFor = (term: string) => term.length >= 4;

/**
 * One typo from 5 letters. Shorter words are too often another word with one
 * letter changed (`gas`/`gaz`, `port`/`pont`); two typos made fuzzy matching
 * the costliest part of a search at scale (see scripts/bench/search-scale.bench.ts).
 */
const fuzzyFor = (term: string) => (term.length < 5 ? false : 1);

export function foldTerm(term: string, locale: Locale): string | null {
  const folded = foldText(term);
  return isIndexable(folded, locale) ? folded : null;
}

/** MiniSearch options of a language's index; exported for the benchmark. */
export function searchIndexOptions(locale: Locale): Options<SearchDocument> {
  const searchOptions: SearchOptions = {
    boost: FIELD_BOOST,
    prefix: prefixFor,
    fuzzy: fuzzyFor,
    combineWith: 'AND',
  };
  return {
    idField: 'id',
    fields: Object.keys(FIELD_BOOST),
    tokenize: splitWords,
    processTerm: (term) => foldTerm(term, locale),
    searchOptions,
  };
}

/** The folded, de-duplicated terms a query searches for, at most MAX_QUERY_TERMS. */
export function analyseQuery(query: string, locale: Locale): { terms: string[]; termsCapped: boolean } {
  const terms = [...new Set(splitWords(query).flatMap((word) => foldTerm(word, locale) ?? []))];
  return { terms: terms.slice(0, MAX_QUERY_TERMS), termsCapped: terms.length > MAX_QUERY_TERMS };
}

export type SearchHit = {
  document: SearchDocument;
  score: number;
  title: TextSegment[];
  dek: TextSegment[];
  snippet: TextSegment[];
};

export type SearchOutcome = {
  /** Folded terms actually searched for; empty when the query had only stop words. */
  terms: string[];
  termsCapped: boolean;
  /** `some`: no article had every term, so these are articles with some of them. */
  match: 'all' | 'some';
  total: number;
  page: number;
  perPage: number;
  pageCount: number;
  /** Empty when `page` is past the last page. */
  hits: SearchHit[];
};

export type SearchRequest = { query: string; page: number; perPage?: number };

export type SearchIndex = {
  locale: Locale;
  documentCount: number;
  search(request: SearchRequest): SearchOutcome;
};

/**
 * Newer first when scores tie (e.g. the same word once in two titles).
 * MiniSearch already sorts by score, so only runs of equal scores are
 * reordered: re-sorting thousands of results per query would cost more than
 * the search. Timestamps, not strings: offsets differ between winter and summer.
 */
function breakTiesByDate(results: SearchResult[], publishedAt: Map<string, number>): void {
  const newerFirst = (a: SearchResult, b: SearchResult) => (publishedAt.get(b.id) ?? 0) - (publishedAt.get(a.id) ?? 0);
  let start = 0;
  for (let i = 1; i <= results.length; i++) {
    if (i === results.length || results[i]?.score !== results[start]?.score) {
      // Written back in place: splicing each run would copy the whole array per run.
      if (i - start > 1) results.slice(start, i).sort(newerFirst).forEach((r, k) => (results[start + k] = r));
      start = i;
    }
  }
}

/** Builds the index of one language. Documents of other languages are ignored. */
export function createSearchIndex(locale: Locale, documents: readonly SearchDocument[]): SearchIndex {
  const own = documents.filter((d) => d.locale === locale);
  const byId = new Map(own.map((d) => [d.id, d]));
  const publishedAt = new Map(own.map((d) => [d.id, Date.parse(d.published) || 0]));
  const miniSearch = new MiniSearch<SearchDocument>(searchIndexOptions(locale));
  miniSearch.addAll(own);

  function search({ query, page, perPage = RESULTS_PER_PAGE }: SearchRequest): SearchOutcome {
    const { terms, termsCapped } = analyseQuery(query, locale);
    let match: SearchOutcome['match'] = 'all';
    let results: SearchResult[] = [];
    if (terms.length > 0) {
      const text = terms.join(' ');
      results = miniSearch.search(text);
      if (results.length === 0 && terms.length > 1) {
        results = miniSearch.search(text, { combineWith: 'OR' });
        match = 'some';
      }
    }
    breakTiesByDate(results, publishedAt);
    const offset = (page - 1) * perPage;
    const hits = results.slice(offset, offset + perPage).flatMap((result): SearchHit[] => {
      const document = byId.get(result.id);
      if (!document) return [];
      const marks = new Set(result.terms);
      return [
        {
          document,
          score: result.score,
          title: highlightWords(document.title, marks),
          dek: highlightWords(document.dek, marks),
          snippet: bodySnippet(document.body, marks),
        },
      ];
    });
    return {
      terms,
      termsCapped,
      match,
      total: results.length,
      page,
      perPage,
      pageCount: Math.ceil(results.length / perPage),
      hits,
    };
  }

  return { locale, documentCount: own.length, search };
}
