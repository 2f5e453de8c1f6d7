/** @jest-environment node */
import type { Locale } from '@/i18n/routing';
import type { SearchCorpus } from '@/lib/search/site-search';
import { searchAlternates, searchHref } from '@/lib/search/search-urls';
import { fixtureDocuments, manyDocuments } from './fixtures';
import { describeEachEngine, POSTGRES_TEST_TIMEOUT_MS } from './search-engines';

jest.setTimeout(POSTGRES_TEST_TIMEOUT_MS);

function fixtureLoader(documents = fixtureDocuments) {
  const calls: Locale[] = [];
  const load = async (locale: Locale): Promise<SearchCorpus> => {
    calls.push(locale);
    return { documents: documents.filter((d) => d.locale === locale), topics: locale === 'en' ? ['Canola'] : ['Énergie'] };
  };
  return { load, calls };
}

describeEachEngine((engine) => {
  describe('site search', () => {
    it('builds each language’s index once, on first use, not per search', async () => {
      const { load, calls } = fixtureLoader();
      const search = engine.siteSearch(load);
      expect(calls).toEqual([]);
      await Promise.all([search.searchPage('fr', { q: 'canola' }), search.searchPage('fr', { q: 'énergie' })]);
      await search.searchPage('fr', { q: 'douane' });
      await search.searchPage('en', { q: 'canola' });
      expect(calls).toEqual(['fr', 'en']);
    });

    it('tries again after a failed load instead of remembering the failure', async () => {
      let attempts = 0;
      const search = engine.siteSearch(async () => {
        attempts += 1;
        if (attempts === 1) throw new Error('content unavailable');
        return { documents: fixtureDocuments, topics: [] };
      });
      await expect(search.searchPage('en', { q: 'canola' })).rejects.toThrow('content unavailable');
      await expect(search.searchPage('en', { q: 'canola' })).resolves.toMatchObject({ state: 'results' });
    });

    it.each<[Locale, Record<string, string | string[]>, string]>([
      ['en', {}, 'empty'],
      ['fr', { q: '   ' }, 'empty'],
      ['en', { q: 'canola' }, 'results'],
      ['fr', { q: ['canola', 'zzz'] }, 'results'],
      ['en', { q: 'zeppelin' }, 'no-results'],
      ['fr', { q: 'dirigeable' }, 'no-results'],
      ['en', { q: 'the of' }, 'common-words-only'],
      ['fr', { q: 'les de' }, 'common-words-only'],
      ['en', { q: 'canola', page: '2' }, 'past-last-page'],
      ['fr', { q: 'canola', page: '-1' }, 'results'],
    ])('%s %j is in state %s', async (locale, raw, state) => {
      const search = engine.siteSearch(fixtureLoader().load);
      expect((await search.searchPage(locale, raw)).state).toBe(state);
    });

    it('offers topics and reports a cut query', async () => {
      const search = engine.siteSearch(fixtureLoader().load);
      const model = await search.searchPage('fr', { q: `canola ${'x'.repeat(300)}` });
      expect(model).toMatchObject({ topics: ['Énergie'], queryWasCut: true });
      expect(Array.from(model.query)).toHaveLength(200);
    });

    it('pages through many results with the configured page size', async () => {
      const search = engine.siteSearch(fixtureLoader(manyDocuments('fr', 'Pipeline', 7)).load, { perPage: 3 });
      const model = await search.searchPage('fr', { q: 'pipeline', page: '3' });
      expect(model.outcome).toMatchObject({ total: 7, pageCount: 3, page: 3 });
      expect(model.outcome?.hits).toHaveLength(1);
    });
  });
});

describe('search URLs', () => {
  it('keeps the query, encoded, in both languages', () => {
    expect(searchAlternates('énergie & <co>')).toEqual({
      en: '/en/search?q=%C3%A9nergie+%26+%3Cco%3E',
      fr: '/fr/recherche?q=%C3%A9nergie+%26+%3Cco%3E',
    });
  });

  it('leaves out page 1 and an empty query', () => {
    expect(searchHref('fr', 'canola', 1)).toBe('/fr/recherche?q=canola');
    expect(searchHref('en', 'canola', 2)).toBe('/en/search?q=canola&page=2');
    expect(searchHref('en', '')).toBe('/en/search');
    expect(searchAlternates('')).toEqual({ en: '/en/search', fr: '/fr/recherche' });
  });
});
