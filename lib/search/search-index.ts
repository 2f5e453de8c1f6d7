import type { Locale } from '@/i18n/routing';
import { bodySnippet, highlightWords, type TextSegment } from './highlight';
import { foldText, splitWords } from './normalize';
import type { SearchDocument } from './search-document';
import { buildInvertedIndex, type Expansion } from './inverted-index';
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
const FIELDS = Object.keys(FIELD_BOOST) as IndexedField[];
const BODY_FIELD_BIT = 1 << FIELDS.indexOf('body');

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
const fuzzyFor = (term: string) => term.length >= 5;

export function foldTerm(term: string, locale: Locale): string | null {
  const folded = foldText(term);
  return isIndexable(folded, locale) ? folded : null;
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

type Ranked = { doc: number; score: number };

/**
 * The `count` best of `candidates`, best first: higher score, then the newer
 * article (e.g. the same word once in two titles). Only the page asked for
 * is sorted; sorting thousands of matches per query would cost more than
 * finding them. Timestamps, not strings: offsets differ between winter and summer.
 */
function best(candidates: Ranked[], count: number, publishedAt: Float64Array): Ranked[] {
  const before = (a: Ranked, b: Ranked) => a.score > b.score || (a.score === b.score && publishedAt[a.doc]! > publishedAt[b.doc]!);
  const compare = (a: Ranked, b: Ranked) => (before(a, b) ? -1 : before(b, a) ? 1 : 0);
  if (count * 8 >= candidates.length) return candidates.sort(compare).slice(0, count);
  const top: Ranked[] = [];
  for (const candidate of candidates) {
    if (top.length === count && !before(candidate, top[count - 1]!)) continue;
    let at = top.length === count ? count - 1 : top.length;
    while (at > 0 && before(candidate, top[at - 1]!)) at--;
    if (top.length === count) top.pop();
    top.splice(at, 0, candidate);
  }
  return top;
}

/** Builds the index of one language. Documents of other languages are ignored. */
export function createSearchIndex(locale: Locale, documents: readonly SearchDocument[]): SearchIndex {
  const own = documents.filter((d) => d.locale === locale);
  const publishedAt = Float64Array.from(own, (d) => Date.parse(d.published) || 0);
  const index = buildInvertedIndex(
    own.length,
    (doc) => FIELDS.map((field) => own[doc]![field]),
    FIELDS.map((field) => FIELD_BOOST[field]),
    (text) => splitWords(text).flatMap((word) => foldTerm(word, locale) ?? []),
  );

  /** Every document holding all the terms (`all`) or any (`some`), with its summed score. */
  function match(perTerm: Expansion[][], mode: 'all' | 'some'): Ranked[] {
    const scores = new Float64Array(own.length);
    const termsFound = new Uint8Array(own.length);
    const single = new Float64Array(own.length);
    for (const expansions of perTerm) {
      single.fill(0);
      index.score(expansions, single);
      for (let doc = 0; doc < own.length; doc++) {
        if (single[doc]! > 0) {
          scores[doc]! += single[doc]!;
          termsFound[doc]! += 1;
        }
      }
    }
    const needed = mode === 'all' ? perTerm.length : 1;
    const ranked: Ranked[] = [];
    for (let doc = 0; doc < own.length; doc++) if (termsFound[doc]! >= needed) ranked.push({ doc, score: scores[doc]! });
    return ranked;
  }

  function search({ query, page, perPage = RESULTS_PER_PAGE }: SearchRequest): SearchOutcome {
    const { terms, termsCapped } = analyseQuery(query, locale);
    const perTerm = terms.map((term) => index.expand(term, { prefix: prefixFor(term), fuzzy: fuzzyFor(term) }));
    let outcomeMatch: SearchOutcome['match'] = 'all';
    let ranked: Ranked[] = [];
    if (terms.length > 0) {
      ranked = match(perTerm, 'all');
      if (ranked.length === 0 && terms.length > 1) {
        ranked = match(perTerm, 'some');
        outcomeMatch = 'some';
      }
    }
    const offset = (page - 1) * perPage;
    const shown = offset < ranked.length ? best(ranked, offset + perPage, publishedAt).slice(offset) : [];
    const hits = shown.map(({ doc, score }): SearchHit => {
      const document = own[doc]!;
      // The article's own words that the query reached: exact, prefix or typo.
      const marks = new Set<string>();
      let inBody = false;
      for (const expansions of perTerm) {
        for (const { termId, term } of expansions) {
          const fields = index.fieldsHolding(doc, termId);
          if (fields !== 0) marks.add(term);
          if (fields & BODY_FIELD_BIT) inBody = true;
        }
      }
      return {
        document,
        score,
        title: highlightWords(document.title, marks),
        dek: highlightWords(document.dek, marks),
        // Without a match in the body, no need to read through it for one.
        snippet: bodySnippet(document.body, inBody ? marks : new Set()),
      };
    });
    return {
      terms,
      termsCapped,
      match: outcomeMatch,
      total: ranked.length,
      page,
      perPage,
      pageCount: Math.ceil(ranked.length / perPage),
      hits,
    };
  }

  return { locale, documentCount: own.length, search };
}
