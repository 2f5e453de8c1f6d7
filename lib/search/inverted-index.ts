import SearchableMap from 'minisearch/SearchableMap';

/**
 * A compact inverted index: which documents hold a term, how often, in which
 * field, and a BM25+ score over it.
 *
 * The vocabulary is MiniSearch's radix tree (`SearchableMap`) for prefix
 * lookups, with the build's term → id map kept for typo candidates (see
 * `oneEditAway`); the postings are not MiniSearch's. MiniSearch
 * keeps a `Map` entry per term, field and document, ~50 bytes each: 137 MB
 * per language at 10,000 articles (scripts/bench/search-scale.bench.ts). Here
 * the postings of a field are two typed arrays shared by every term, 6 bytes
 * a posting, with each term's slice found through an offsets array.
 */

/** BM25+ parameters, MiniSearch's defaults (k1 term saturation, b length normalisation, d lower bound). */
const BM25 = { k: 1.2, b: 0.7, d: 0.5 };
/** How much a prefix or a one-typo expansion counts against the term as typed (MiniSearch's weights). */
const PREFIX_WEIGHT = 0.375;
const FUZZY_WEIGHT = 0.45;
/** A term's frequency in one field is capped here: past it, BM25 has long saturated. */
const MAX_TERM_FREQUENCY = 0xffff;

/** One field's postings: for term t, documents `docs[offsets[t]..offsets[t+1]]`, ascending. */
type FieldPostings = {
  offsets: Uint32Array;
  docs: Uint32Array;
  frequencies: Uint16Array;
  /** Indexed words per document, for length normalisation. */
  lengths: Uint32Array;
  averageLength: number;
};

/** A term of the vocabulary that a query term reaches, and how much it counts. */
export type Expansion = { termId: number; term: string; weight: number };

/**
 * BM25 statistics of the whole corpus, for an index that is one segment of it
 * (see `search-index.ts`): without them a segment of a few documents would
 * weigh every word as common and rank its documents far below the others.
 */
export type CorpusStatistics = {
  documentCount: number;
  /** Per field, the mean indexed words per document. */
  averageLengths: readonly number[];
  /** Documents holding `term` in `field` across the corpus; `here` is this index's count. */
  documentFrequency(field: number, term: string, here: number): number;
};

export type InvertedIndex = {
  documentCount: number;
  /** Per field, the indexed words of every document together. */
  fieldLengthTotals: readonly number[];
  /** How many documents hold exactly `term` in field `field`. */
  documentFrequency(field: number, term: string): number;
  /** Exact term, then longer terms starting with it, then terms one typo away. */
  expand(term: string, options: { prefix: boolean; fuzzy: boolean }): Expansion[];
  /** Adds each document's score for the expansions of one query term to `scores`; `corpus` defaults to this index alone. */
  score(expansions: readonly Expansion[], scores: Float64Array, corpus?: CorpusStatistics): void;
  /** Bit `f` set when the document holds the term in field `f` (for highlighting the hits shown). */
  fieldsHolding(docIndex: number, termId: number): number;
};

/**
 * @param fieldTexts per document, the text of each field, in the order of `boosts`
 * @param tokenize   a text's indexable terms, already folded
 */
export function buildInvertedIndex(
  documentCount: number,
  fieldTexts: (docIndex: number) => readonly string[],
  boosts: readonly number[],
  tokenize: (text: string) => string[],
): InvertedIndex {
  return withoutPauses(buildInvertedIndexInSteps(documentCount, fieldTexts, boosts, tokenize, Number.POSITIVE_INFINITY));
}

/** Runs a build made of steps (see `buildInvertedIndexInSteps`) to its end at once. */
export function withoutPauses<T>(steps: Generator<void, T, void>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * The same build, pausing (`yield`) once it has worked `stepMs` without one,
 * and between its phases, so that a server can rebuild a large index between
 * requests instead of stopping them all for seconds (see
 * docs/architecture/0007-incremental-search-index.md). `Infinity`: no pauses.
 */
export function* buildInvertedIndexInSteps(
  documentCount: number,
  fieldTexts: (docIndex: number) => readonly string[],
  boosts: readonly number[],
  tokenize: (text: string) => string[],
  stepMs: number,
): Generator<void, InvertedIndex, void> {
  const pausing = Number.isFinite(stepMs);
  let stepStarted = pausing ? performance.now() : 0;
  // Checked every few thousand postings or terms: reading the clock per item would cost more than the work.
  const due = () => pausing && performance.now() - stepStarted >= stepMs;
  const paused = () => {
    stepStarted = performance.now();
  };

  const termIds = new Map<string, number>();
  const terms: string[] = [];
  // (term, document, frequency) triples per field, documents in ascending order.
  const triples = boosts.map(() => ({ terms: [] as number[], docs: [] as number[], frequencies: [] as number[] }));
  const lengths = boosts.map(() => new Uint32Array(documentCount));

  for (let doc = 0; doc < documentCount; doc++) {
    const texts = fieldTexts(doc);
    boosts.forEach((_, field) => {
      const counts = new Map<number, number>();
      const tokens = tokenize(texts[field] ?? '');
      for (const token of tokens) {
        let id = termIds.get(token);
        if (id === undefined) {
          id = terms.length;
          termIds.set(token, id);
          terms.push(token);
        }
        counts.set(id, (counts.get(id) ?? 0) + 1);
      }
      lengths[field]![doc] = tokens.length;
      const out = triples[field]!;
      for (const [id, count] of counts) {
        out.terms.push(id);
        out.docs.push(doc);
        out.frequencies.push(Math.min(count, MAX_TERM_FREQUENCY));
      }
    });
    if (due()) {
      yield;
      paused();
    }
  }

  // A counting sort by term keeps each term's documents in ascending order.
  const fields: FieldPostings[] = [];
  for (const [field, t] of triples.entries()) {
    if (pausing) {
      yield;
      paused();
    }
    const offsets = new Uint32Array(terms.length + 1);
    for (let i = 0; i < t.terms.length; i++) {
      offsets[t.terms[i]! + 1]! += 1;
      if ((i & 0xffff) === 0xffff && due()) {
        yield;
        paused();
      }
    }
    for (let i = 0; i < terms.length; i++) offsets[i + 1]! += offsets[i]!;
    const next = offsets.slice(0, terms.length);
    const docs = new Uint32Array(t.docs.length);
    const frequencies = new Uint16Array(t.docs.length);
    for (let i = 0; i < t.terms.length; i++) {
      const at = next[t.terms[i]!]!++;
      docs[at] = t.docs[i]!;
      frequencies[at] = t.frequencies[i]!;
      if ((i & 0xffff) === 0xffff && due()) {
        yield;
        paused();
      }
    }
    const fieldLengths = lengths[field]!;
    const total = fieldLengths.reduce((sum, n) => sum + n, 0);
    fields.push({ offsets, docs, frequencies, lengths: fieldLengths, averageLength: total / Math.max(1, documentCount) });
  }
  const fieldLengthTotals = lengths.map((l) => l.reduce((sum, n) => sum + n, 0));
  // `SearchableMap.from` in steps: the tree of a 10,000-article vocabulary takes a few hundred milliseconds.
  const vocabulary = new SearchableMap<number>();
  let added = 0;
  for (const [term, id] of termIds) {
    vocabulary.set(term, id);
    if ((++added & 0xfff) === 0 && due()) {
      yield;
      paused();
    }
  }
  // The letters terms are made of, for spelling out every word one typo away.
  const alphabet = [...new Set(terms.join(''))];
  // Build-time structures live in the closure's scope: empty them so they are
  // not kept. `termIds` stays: a hash lookup per typo candidate is several
  // times faster than a walk down the radix tree.
  triples.length = 0;
  terms.length = 0;

  function expand(term: string, { prefix, fuzzy }: { prefix: boolean; fuzzy: boolean }): Expansion[] {
    const found = new Map<number, Expansion>();
    const exact = vocabulary.get(term);
    if (exact !== undefined) found.set(exact, { termId: exact, term, weight: 1 });
    if (prefix) {
      for (const [key, termId] of vocabulary.atPrefix(term)) {
        if (!found.has(termId)) {
          const distance = key.length - term.length;
          found.set(termId, { termId, term: key, weight: (PREFIX_WEIGHT * term.length) / (term.length + 0.3 * distance) });
        }
      }
    }
    if (fuzzy) {
      const weight = (FUZZY_WEIGHT * term.length) / (term.length + 1);
      for (const candidate of oneEditAway(term, alphabet)) {
        const termId = termIds.get(candidate);
        if (termId !== undefined && !found.has(termId)) found.set(termId, { termId, term: candidate, weight });
      }
    }
    return [...found.values()];
  }

  function documentFrequency(field: number, term: string): number {
    const termId = termIds.get(term);
    const offsets = fields[field]?.offsets;
    return termId === undefined || !offsets ? 0 : offsets[termId + 1]! - offsets[termId]!;
  }

  function score(expansions: readonly Expansion[], scores: Float64Array, corpus?: CorpusStatistics): void {
    const n = corpus?.documentCount ?? documentCount;
    fields.forEach((field, f) => {
      const boost = boosts[f]!;
      const { offsets, docs, frequencies, lengths: fieldLengths } = field;
      const averageLength = corpus?.averageLengths[f] ?? field.averageLength;
      for (const { termId, term, weight } of expansions) {
        const start = offsets[termId]!;
        const end = offsets[termId + 1]!;
        if (start === end) continue;
        const documentFrequency = corpus ? corpus.documentFrequency(f, term, end - start) : end - start;
        const idf = Math.log(1 + (n - documentFrequency + 0.5) / (documentFrequency + 0.5));
        const factor = weight * boost * idf;
        for (let i = start; i < end; i++) {
          const doc = docs[i]!;
          const tf = frequencies[i]!;
          const norm = 1 - BM25.b + (BM25.b * fieldLengths[doc]!) / averageLength;
          scores[doc]! += factor * (BM25.d + (tf * (BM25.k + 1)) / (tf + BM25.k * norm));
        }
      }
    });
  }

  function fieldsHolding(docIndex: number, termId: number): number {
    let mask = 0;
    fields.forEach(({ offsets, docs }, f) => {
      // Binary search in the term's ascending slice.
      let lo = offsets[termId]!;
      let hi = offsets[termId + 1]!;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        const doc = docs[mid]!;
        if (doc === docIndex) {
          mask |= 1 << f;
          return;
        }
        if (doc < docIndex) lo = mid + 1;
        else hi = mid;
      }
    });
    return mask;
  }

  return { documentCount, fieldLengthTotals, documentFrequency, expand, score, fieldsHolding };
}

/**
 * Every string one deletion, substitution or insertion away from `term`
 * (Levenshtein distance 1). Looking each up costs a few hundred hash
 * lookups; walking the radix tree with an edit-distance matrix
 * (`SearchableMap.fuzzyGet`) cost ~1.5 ms a term at 10,000 articles.
 */
function* oneEditAway(term: string, alphabet: readonly string[]): Generator<string> {
  for (let i = 0; i <= term.length; i++) {
    const head = term.slice(0, i);
    const tail = term.slice(i);
    if (i < term.length) yield head + tail.slice(1);
    for (const letter of alphabet) {
      if (i < term.length && letter !== term[i]) yield head + letter + tail.slice(1);
      yield head + letter + tail;
    }
  }
}
