import type { Locale } from '@/i18n/routing';
import { bodySnippet, highlightWords, type TextSegment } from './highlight';
import { foldText, splitWords } from './normalize';
import type { SearchDocument } from './search-document';
import { buildInvertedIndexInSteps, withoutPauses, type CorpusStatistics, type InvertedIndex } from './inverted-index';
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
export const prefixFor = (term: string) => term.length >= 4;

/**
 * One typo from 5 letters. Shorter words are too often another word with one
 * letter changed (`gas`/`gaz`, `port`/`pont`); two typos made fuzzy matching
 * the costliest part of a search at scale (see scripts/bench/search-scale.bench.ts).
 */
export const fuzzyFor = (term: string) => term.length >= 5;

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

/**
 * An immutable part of a language's index: the whole corpus as built, or the
 * few documents changed since (see `incremental-search-index.ts`).
 */
export type SearchSegment = {
  readonly locale: Locale;
  readonly documents: readonly SearchDocument[];
  readonly index: InvertedIndex;
  readonly publishedAt: Float64Array;
};

/** Builds a segment in steps (see `buildInvertedIndexInSteps`). Documents of other languages are ignored. */
export function* buildSearchSegmentInSteps(
  locale: Locale,
  documents: readonly SearchDocument[],
  stepMs = Number.POSITIVE_INFINITY,
): Generator<void, SearchSegment, void> {
  const own = documents.filter((d) => d.locale === locale);
  const publishedAt = Float64Array.from(own, (d) => Date.parse(d.published) || 0);
  const index = yield* buildInvertedIndexInSteps(
    own.length,
    (doc) => FIELDS.map((field) => own[doc]![field]),
    FIELDS.map((field) => FIELD_BOOST[field]),
    (text) => splitWords(text).flatMap((word) => foldTerm(word, locale) ?? []),
    stepMs,
  );
  return { locale, documents: own, index, publishedAt };
}

export function buildSearchSegment(locale: Locale, documents: readonly SearchDocument[]): SearchSegment {
  return withoutPauses(buildSearchSegmentInSteps(locale, documents));
}

/** A segment as one search sees it: `hidden[doc]` is 1 for a document replaced or removed since the segment was built. */
export type SegmentView = { segment: SearchSegment; hidden?: Uint8Array };

type SegmentRanked = Ranked & { view: number };

/**
 * BM25 statistics of all segments together, so that a word weighs the same in
 * a segment of three documents as in the main one. Hidden documents still
 * count, in documents and in term counts alike: finding which terms they held
 * would cost a walk of their text per search, and counting them on one side
 * only would let a word's document count exceed the corpus's and its weight
 * turn negative. They are few until the next merge.
 */
function corpusStatisticsFor(views: readonly SegmentView[]): CorpusStatistics[] | undefined {
  if (views.length < 2) return undefined;
  let documentCount = 0;
  const totals = FIELDS.map(() => 0);
  for (const { segment } of views) {
    documentCount += segment.index.documentCount;
    segment.index.fieldLengthTotals.forEach((total, f) => (totals[f]! += total));
  }
  const averageLengths = totals.map((total) => total / Math.max(1, documentCount));
  return views.map((_, own) => ({
    documentCount,
    averageLengths,
    documentFrequency(field, term, here) {
      let count = here;
      views.forEach((view, other) => {
        if (other !== own) count += view.segment.index.documentFrequency(field, term);
      });
      return count;
    },
  }));
}

/**
 * Searches segments as one index: a document is found in at most one of them
 * (the caller hides the stale copies), totals and pages are over all of them.
 */
export function searchSegments(locale: Locale, views: readonly SegmentView[], { query, page, perPage = RESULTS_PER_PAGE }: SearchRequest): SearchOutcome {
  const { terms, termsCapped } = analyseQuery(query, locale);
  // Term ids are a segment's own: each segment expands the query in its vocabulary.
  const perSegment = views.map(({ segment }) =>
    terms.map((term) => segment.index.expand(term, { prefix: prefixFor(term), fuzzy: fuzzyFor(term) })),
  );
  const corpus = corpusStatisticsFor(views);

  /** Every visible document holding all the terms (`all`) or any (`some`), with its summed score. */
  function match(at: number, mode: 'all' | 'some'): Ranked[] {
    const { segment, hidden } = views[at]!;
    const perTerm = perSegment[at]!;
    const count = segment.documents.length;
    const scores = new Float64Array(count);
    const termsFound = new Uint8Array(count);
    const single = new Float64Array(count);
    for (const expansions of perTerm) {
      single.fill(0);
      segment.index.score(expansions, single, corpus?.[at]);
      for (let doc = 0; doc < count; doc++) {
        if (single[doc]! > 0) {
          scores[doc]! += single[doc]!;
          termsFound[doc]! += 1;
        }
      }
    }
    const needed = mode === 'all' ? perTerm.length : 1;
    const ranked: Ranked[] = [];
    for (let doc = 0; doc < count; doc++) {
      if (termsFound[doc]! >= needed && !hidden?.[doc]) ranked.push({ doc, score: scores[doc]! });
    }
    return ranked;
  }

  let outcomeMatch: SearchOutcome['match'] = 'all';
  let rankedPerSegment: Ranked[][] = views.map(() => []);
  if (terms.length > 0) {
    rankedPerSegment = views.map((_, at) => match(at, 'all'));
    // `some` only when no segment has an article with every term: the choice is the corpus's, not a segment's.
    if (rankedPerSegment.every((r) => r.length === 0) && terms.length > 1) {
      rankedPerSegment = views.map((_, at) => match(at, 'some'));
      outcomeMatch = 'some';
    }
  }
  const total = rankedPerSegment.reduce((sum, r) => sum + r.length, 0);
  const offset = (page - 1) * perPage;
  let shown: SegmentRanked[] = [];
  if (offset < total) {
    // The page's documents are among each segment's first `offset + perPage`.
    const wanted = offset + perPage;
    const candidates = rankedPerSegment.flatMap((ranked, view) =>
      best(ranked, wanted, views[view]!.segment.publishedAt).map((r): SegmentRanked => ({ ...r, view })),
    );
    shown = (views.length > 1 ? mergeBest(candidates, wanted, views) : candidates).slice(offset);
  }
  const hits = shown.map(({ view, doc, score }): SearchHit => {
    const { segment } = views[view]!;
    const document = segment.documents[doc]!;
    // The article's own words that the query reached: exact, prefix or typo.
    const marks = new Set<string>();
    let inBody = false;
    for (const expansions of perSegment[view]!) {
      for (const { termId, term } of expansions) {
        const fields = segment.index.fieldsHolding(doc, termId);
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
    total,
    page,
    perPage,
    pageCount: Math.ceil(total / perPage),
    hits,
  };
}

/** The first `count` of several segments' best-first lists, in the same order `best` gives within one. */
function mergeBest(candidates: SegmentRanked[], count: number, views: readonly SegmentView[]): SegmentRanked[] {
  const published = (r: SegmentRanked) => views[r.view]!.segment.publishedAt[r.doc]!;
  // A stable sort keeps the main segment first among exact ties, as within one segment.
  return candidates.sort((a, b) => b.score - a.score || published(b) - published(a)).slice(0, count);
}

/** Builds the index of one language. Documents of other languages are ignored. */
export function createSearchIndex(locale: Locale, documents: readonly SearchDocument[]): SearchIndex {
  const segment = buildSearchSegment(locale, documents);
  const views = [{ segment }];
  return {
    locale,
    documentCount: segment.documents.length,
    search: (request) => searchSegments(locale, views, request),
  };
}
