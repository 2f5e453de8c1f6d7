import { buildInvertedIndex } from '@/lib/search/inverted-index';
import { createSearchIndex } from '@/lib/search/search-index';
import { manyDocuments } from './fixtures';

const fields = [
  ['canola harvest', 'prairie canola canola'],
  ['wheat prices', 'canola mentioned once'],
  ['energy', 'pipelines and ports'],
];
const index = buildInvertedIndex(fields.length, (doc) => fields[doc] ?? [], [4, 1], (text) => text.split(' '));
const termsOf = (term: string, prefix = false, fuzzy = false) => index.expand(term, { prefix, fuzzy }).map((e) => e.term);

describe('compact inverted index', () => {
  it('reaches words one deletion, insertion or substitution away, and no further', () => {
    expect(termsOf('canolla', false, true)).toEqual(['canola']);
    expect(termsOf('canla', false, true)).toEqual(['canola']);
    expect(termsOf('canoli', false, true)).toEqual(['canola']);
    expect(termsOf('cnaola', false, true)).toEqual([]);
    expect(termsOf('canolla', false, false)).toEqual([]);
  });

  it('expands a prefix to the words that start with it, the exact word first and heaviest', () => {
    const expansions = index.expand('port', { prefix: true, fuzzy: false });
    expect(expansions.map((e) => e.term)).toEqual(['ports']);
    expect(index.expand('canola', { prefix: true, fuzzy: false })[0]).toMatchObject({ term: 'canola', weight: 1 });
  });

  it('knows in which fields a document holds a term', () => {
    const [canola] = index.expand('canola', { prefix: false, fuzzy: false });
    if (!canola) throw new Error('canola is in the vocabulary');
    expect(index.fieldsHolding(0, canola.termId)).toBe(0b11);
    expect(index.fieldsHolding(1, canola.termId)).toBe(0b10);
    expect(index.fieldsHolding(2, canola.termId)).toBe(0);
  });

  it('scores a title (boosted) occurrence above a body one', () => {
    const scores = new Float64Array(fields.length);
    index.score(index.expand('canola', { prefix: false, fuzzy: false }), scores);
    expect(scores[0]).toBeGreaterThan(scores[1] ?? Infinity);
    expect(scores[1]).toBeGreaterThan(0);
    expect(scores[2]).toBe(0);
  });
});

describe('ranking many matches', () => {
  // 200 equal matches: page 1 takes the partial selection path (far fewer
  // shown than matched), the last page the full sort; both must agree.
  const many = createSearchIndex('en', manyDocuments('en', 'Pipeline', 200));
  const pageIds = (page: number) => many.search({ query: 'pipeline', page }).hits.map((h) => h.document.id);

  it('shows the newest first among equal scores on every page, without gaps or repeats', () => {
    const seen = Array.from({ length: 20 }, (_, i) => pageIds(i + 1)).flat();
    expect(seen).toEqual(Array.from({ length: 200 }, (_, i) => `many-${200 - i}`));
  });
});
