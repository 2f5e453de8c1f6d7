/** @jest-environment node */
import type { Locale } from '@/i18n/routing';
import type { TextSegment } from '@/lib/search/highlight';
import { RESULTS_PER_PAGE } from '@/lib/search/search-index';
import { fixtureDocuments, manyDocuments } from './fixtures';
import { describeEachEngine, POSTGRES_TEST_TIMEOUT_MS, type IndexUnderTest } from './search-engines';

jest.setTimeout(POSTGRES_TEST_TIMEOUT_MS);

const marked = (segments: TextSegment[]) => segments.filter((s) => s.marked).map((s) => s.text);

describeEachEngine((engine) => {
  let indexes: Record<Locale, IndexUnderTest>;
  beforeAll(async () => {
    indexes = { en: await engine.index('en', fixtureDocuments), fr: await engine.index('fr', fixtureDocuments) };
  });

  const search = (locale: Locale, query: string, page = 1) => indexes[locale].search({ query, page });
  const ids = async (locale: Locale, query: string) => (await search(locale, query)).hits.map((h) => h.document.id);

  describe('one index per language', () => {
    it('only holds the documents of its language', async () => {
      expect(await indexes.en.documentCount()).toBe(4);
      expect(await indexes.fr.documentCount()).toBe(5);
      const hits = (await search('fr', 'canola')).hits;
      expect(hits.length).toBeGreaterThan(0);
      expect(hits.filter((h) => h.document.locale !== 'fr')).toEqual([]);
    });
  });

  describe('forgiving matching', () => {
    it.each<[Locale, string, string]>([
      // Accents, either way round.
      ['fr', 'energie', 'energy'],
      ['fr', 'ÉNERGIE', 'energy'],
      ['fr', 'Quebec', 'energy'],
      ['en', 'Quebec', 'energy'],
      ['en', 'québec', 'energy'],
      // Ligatures.
      ['fr', 'oeuvre', 'diplomacy'],
      ['fr', 'OEUVRE', 'diplomacy'],
      ['fr', 'aequo', 'diplomacy'],
      // Prefixes.
      ['en', 'canol', 'canola'],
      ['fr', 'canol', 'canola'],
      ['en', 'pipel', 'energy'],
      ['en', 'cano', 'canola'],
      ['fr', 'diplom', 'diplomacy'],
      // Small typos.
      ['en', 'tarifs', 'tariffs'],
      ['en', 'canolla', 'canola'],
      ['fr', 'douanne', 'tariffs'],
      ['fr', 'électrcité', 'energy'],
    ])('%s: %p finds %s', async (locale, query, id) => {
      expect(await ids(locale, query)).toContain(id);
    });

    it('does not expand 3-letter prefixes (they would match much of a large archive)', async () => {
      expect(await ids('en', 'can')).toEqual([]);
      expect(await ids('fr', 'can')).toEqual([]);
    });

    it('does not match unrelated words through fuzziness on short terms', async () => {
      // `gas` is 3 letters: no typo allowance, so it does not find `gaz` or `has`.
      expect(await ids('en', 'gaz')).toEqual([]);
      expect(await ids('fr', 'gas')).toEqual([]);
    });

    it('does not cross languages', async () => {
      expect(await ids('en', 'douane')).toEqual([]);
      expect(await ids('fr', 'tariffs')).toEqual([]);
    });
  });

  describe('ranking', () => {
    it.each<Locale>(['en', 'fr'])('a title match ranks above a body match (%s)', async (locale) => {
      // `tariffs` repeats `canola`-free text in a long body and mentions canola once;
      // `canola` has it in the title.
      const found = await ids(locale, 'canola');
      expect(found[0]).toBe('canola');
      expect(found).toContain('tariffs');
      expect(found.indexOf('canola')).toBeLessThan(found.indexOf('tariffs'));
    });

    it.each<[Locale, string, string]>([
      ['en', 'Why the harbour, the ports and the pipelines of the North matter for the economy', 'Pipelines. Pipelines! Pipelines? Pipelines.'],
      ['fr', 'Pourquoi les ports, les havres et les pipelines du Nord comptent pour l’économie', 'Pipelines. Pipelines! Pipelines? Pipelines.'],
    ])('the title and dek boosts outweigh a short body that repeats the word (%s)', async (locale, title, body) => {
      const docs = [
        { id: 'in-title', locale, slug: 'a', title, dek: 'Deck.', body: 'Unrelated words. '.repeat(60), sectionLabel: 'World', published: '2026-01-01T00:00:00Z' },
        { id: 'in-body', locale, slug: 'b', title: 'Other news', dek: 'Deck.', body, sectionLabel: 'World', published: '2026-01-02T00:00:00Z' },
      ];
      const index = await engine.index(locale, docs);
      expect((await index.search({ query: 'pipelines', page: 1 })).hits.map((h) => h.document.id)).toEqual(['in-title', 'in-body']);
    });

    it('requires every term when some article has them all', async () => {
      const outcome = await search('en', 'canola prairies');
      expect(outcome.match).toBe('all');
      expect(outcome.hits.map((h) => h.document.id)).toEqual(['canola']);
    });

    it('falls back to articles with some of the terms, and says so', async () => {
      const outcome = await search('en', 'canola pipelines');
      expect(outcome.match).toBe('some');
      expect(outcome.hits.map((h) => h.document.id).sort()).toEqual(['canola', 'energy', 'tariffs']);
    });
  });

  describe('stop words', () => {
    it.each<[Locale, string, string]>([
      ['en', 'the canola of the prairies', 'canola prairies'],
      ['fr', 'les droits de douane', 'droits douane'],
      ['fr', 'l’énergie du Québec', 'energie quebec'],
    ])('%s: %p ranks like %p', async (locale, withStopWords, without) => {
      expect(await ids(locale, withStopWords)).toEqual(await ids(locale, without));
      expect((await ids(locale, without)).length).toBeGreaterThan(0);
    });

    it.each<[Locale, string]>([
      ['en', 'the of and'],
      ['fr', 'le la les de des'],
    ])('a query of stop words only searches for nothing (%s)', async (locale, query) => {
      const outcome = await search(locale, query);
      expect(outcome.terms).toEqual([]);
      expect(outcome.total).toBe(0);
    });
  });

  describe('highlighting', () => {
    it('marks matched words as written in the article, accents and all', async () => {
      const [hit] = (await search('fr', 'energie')).hits;
      expect(marked(hit?.title ?? [])).toEqual(['énergie']);
      const quebec = (await search('fr', 'quebec')).hits[0];
      expect(marked(quebec?.snippet ?? [])).toEqual(['Québec']);
    });

    it('marks the document words a prefix or typo matched', async () => {
      expect(marked((await search('en', 'canol')).hits[0]?.title ?? [])).toEqual(['Canola']);
      expect(marked((await search('fr', 'oeuvre')).hits[0]?.dek ?? [])).toEqual(['œuvre']);
    });

    it('cuts the snippet around the first body match, on word boundaries', async () => {
      const hit = (await search('en', 'canola')).hits.find((h) => h.document.id === 'tariffs');
      const text = (hit?.snippet ?? []).map((s) => s.text).join('');
      expect(text.startsWith('… ')).toBe(true);
      expect(text.endsWith(' …')).toBe(true);
      expect(marked(hit?.snippet ?? [])).toEqual(['canola']);
      // A verbatim extract of the body that starts and ends on whole words.
      const inner = text.slice(2, -2);
      const body = hit?.document.body ?? '';
      const at = body.indexOf(inner);
      expect(at).toBeGreaterThan(0);
      expect(body[at - 1]).toBe(' ');
      expect(body[at + inner.length]).toBe(' ');
      expect(inner.length).toBeLessThanOrEqual(220);
    });

    it('keeps markup from the article as plain text segments', async () => {
      const hit = (await search('en', 'trust')).hits[0];
      const text = (hit?.snippet ?? []).map((s) => s.text).join('');
      expect(text).toContain('<script>alert(1)</script>');
      expect(marked(hit?.snippet ?? [])).toEqual(['trust']);
    });

    it('matches the words of a hostile query, never its markup', async () => {
      for (const locale of ['en', 'fr'] as const) {
        const outcome = await search(locale, '<script>alert(1)</script>');
        expect(outcome.terms).toEqual(['script', 'alert', '1']);
        const [hit] = outcome.hits;
        expect(hit?.document.id).toBe('hostile');
        expect(new Set(marked(hit?.snippet ?? []))).toEqual(new Set(['script', 'alert', '1']));
      }
    });
  });

  describe('pagination', () => {
    let many: IndexUnderTest;
    beforeAll(async () => {
      many = await engine.index('en', manyDocuments('en', 'Pipeline', 23));
    });

    it(`gives ${RESULTS_PER_PAGE} results a page, newest first among equals`, async () => {
      const first = await many.search({ query: 'pipeline', page: 1 });
      expect(first.total).toBe(23);
      expect(first.pageCount).toBe(3);
      expect(first.hits).toHaveLength(RESULTS_PER_PAGE);
      expect(first.hits[0]?.document.id).toBe('many-23');
      const third = await many.search({ query: 'pipeline', page: 3 });
      expect(third.hits.map((h) => h.document.id)).toEqual(['many-3', 'many-2', 'many-1']);
    });

    it('gives an empty page past the last one, with the total intact', async () => {
      const outcome = await many.search({ query: 'pipeline', page: 4 });
      expect(outcome.hits).toEqual([]);
      expect(outcome.total).toBe(23);
      expect((await many.search({ query: 'pipeline', page: Number.MAX_SAFE_INTEGER })).hits).toEqual([]);
    });

    it('accepts a smaller page size', async () => {
      expect((await many.search({ query: 'pipeline', page: 2, perPage: 5 })).hits).toHaveLength(5);
    });
  });
});
