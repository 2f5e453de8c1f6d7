/** @jest-environment node */
import type { Locale } from '@/i18n/routing';
import type { TextSegment } from '@/lib/search/highlight';
import { createIncrementalSearchIndex } from '@/lib/search/incremental-search-index';
import type { SearchDocument } from '@/lib/search/search-document';
import type { SearchCorpus, SiteSearchEngine } from '@/lib/search/site-search';
import { fixtureDocuments, manyDocuments, publishedDocument } from './fixtures';
import { describeEachEngine, POSTGRES_TEST_TIMEOUT_MS, type SearchEngineUnderTest } from './search-engines';

jest.setTimeout(POSTGRES_TEST_TIMEOUT_MS);

const locales: Locale[] = ['en', 'fr'];
const marked = (segments: TextSegment[] = []) => segments.filter((s) => s.marked).map((s) => s.text);
const ofLocale = (documents: readonly SearchDocument[], locale: Locale) => documents.filter((d) => d.locale === locale);

function corpusLoader(documents: readonly SearchDocument[] = fixtureDocuments) {
  const calls: Locale[] = [];
  const load = async (locale: Locale): Promise<SearchCorpus> => {
    calls.push(locale);
    return { documents: ofLocale(documents, locale), topics: [] };
  };
  return { load, calls };
}

/** A site search with both languages loaded, as on a server that has answered searches. */
async function loadedSearch(
  engine: SearchEngineUnderTest,
  documents: readonly SearchDocument[] = fixtureDocuments,
  perPage?: number,
): Promise<SiteSearchEngine> {
  const search = engine.siteSearch(corpusLoader(documents).load, { perPage });
  await Promise.all(locales.map((locale) => search.searchPage(locale, {})));
  return search;
}

async function outcomeOf(search: SiteSearchEngine, locale: Locale, q: string, page?: number) {
  const model = await search.searchPage(locale, page === undefined ? { q } : { q, page: String(page) });
  if (!model.outcome) throw new Error(`no outcome for ${JSON.stringify(q)}`);
  return model.outcome;
}

const idsOf = async (search: SiteSearchEngine, locale: Locale, q: string) => (await outcomeOf(search, locale, q)).hits.map((h) => h.document.id);

/** An article published after the index was built, and words it alone has. */
const publications: Record<Locale, { document: SearchDocument; titleQuery: string; titleMarks: string[]; bodyQuery: string; bodyMark: string }> = {
  en: {
    document: publishedDocument('en', 'election', {
      title: 'Snap election called in Nova Scotia',
      dek: 'Voters go to the polls in five weeks.',
      body: `${'The campaign starts today across the province. '.repeat(4)}The premier cited the housing shortage when she called it.`,
    }),
    titleQuery: 'nova scotia',
    titleMarks: ['Nova', 'Scotia'],
    bodyQuery: 'housing',
    bodyMark: 'housing',
  },
  fr: {
    document: publishedDocument('fr', 'election', {
      title: 'Élections fédérales anticipées à Montréal',
      dek: 'Les électeurs voteront dans cinq semaines.',
      body: `${'La campagne commence aujourd’hui dans la province. '.repeat(4)}La première ministre a invoqué la pénurie de logements.`,
    }),
    // Typed without accents, as readers do.
    titleQuery: 'elections federales',
    titleMarks: ['Élections', 'fédérales'],
    bodyQuery: 'penurie',
    bodyMark: 'pénurie',
  },
};

describeEachEngine((engine) => {
  describe('publishing an article', () => {
    it.each(locales)('makes it findable by its title and body, highlighted, without a reload (%s)', async (locale) => {
      const { load, calls } = corpusLoader();
      const search = engine.siteSearch(load);
      const { document, titleQuery, titleMarks, bodyQuery, bodyMark } = publications[locale];
      expect((await outcomeOf(search, locale, titleQuery)).total).toBe(0);

      search.upsertDocument(document);

      const byTitle = await outcomeOf(search, locale, titleQuery);
      expect(byTitle.total).toBe(1);
      expect(byTitle.hits[0]?.document).toEqual(document);
      expect(marked(byTitle.hits[0]?.title)).toEqual(titleMarks);
      const byBody = await outcomeOf(search, locale, bodyQuery);
      expect(byBody.hits.map((h) => h.document.id)).toEqual(['election']);
      // The snippet is cut around the body match, as for an article of the main index.
      const snippet = byBody.hits[0]?.snippet ?? [];
      expect(marked(snippet)).toEqual([bodyMark]);
      expect(snippet[0]?.text.startsWith('… ')).toBe(true);
      expect(calls).toEqual([locale]);
    });

    it.each(locales)('does not reach the other language (%s)', async (locale) => {
      const search = await loadedSearch(engine);
      search.upsertDocument(publications[locale].document);
      const other = locales.find((l) => l !== locale)!;
      expect((await outcomeOf(search, other, publications[locale].titleQuery)).total).toBe(0);
    });

    it.each(locales)('ranks it as a full rebuild would: scores use the statistics of both segments (%s)', async (locale) => {
      const { document, titleQuery, bodyQuery } = publications[locale];
      const incremental = await engine.changingIndex(locale, fixtureDocuments);
      await incremental.upsert(document);
      const rebuilt = await engine.index(locale, [...fixtureDocuments, document]);
      const queries = [titleQuery, bodyQuery, 'canola', 'pipelines', `canola ${bodyQuery}`, 'province'];
      for (const query of queries) {
        const expected = await rebuilt.search({ query, page: 1 });
        const actual = await incremental.search({ query, page: 1 });
        expect(expected.hits.length).toBeGreaterThan(0);
        expect(actual.hits.map((h) => h.document.id)).toEqual(expected.hits.map((h) => h.document.id));
        actual.hits.forEach((hit, i) => expect(hit.score).toBeCloseTo(expected.hits[i]!.score, 9));
        expect(actual).toMatchObject({ total: expected.total, match: expected.match });
      }
    });
  });

  /** A correction of the canola article whose new title drops words only the old one had. */
  const corrections: Record<Locale, { title: string; newWord: string; oldOnlyWord: string; sharedWord: string }> = {
    en: { title: 'Rapeseed and the trade dispute with China', newWord: 'rapeseed', oldOnlyWord: 'weight', sharedWord: 'canola' },
    fr: { title: 'Le colza et le différend commercial avec la Chine', newWord: 'differend', oldOnlyWord: 'lourd', sharedWord: 'canola' },
  };

  describe('correcting an article', () => {
    it.each(locales)('finds it by its new title, no longer by words only the old title had, and once (%s)', async (locale) => {
      const search = await loadedSearch(engine);
      const { title, newWord, oldOnlyWord, sharedWord } = corrections[locale];
      const original = fixtureDocuments.find((d) => d.locale === locale && d.id === 'canola')!;
      expect(await idsOf(search, locale, oldOnlyWord)).toEqual(['canola']);
      expect(await idsOf(search, locale, newWord)).toEqual([]);
      const sharedBefore = await outcomeOf(search, locale, sharedWord);
      expect(sharedBefore.hits.map((h) => h.document.id)).toContain('canola');

      search.upsertDocument({ ...original, title });

      expect(await idsOf(search, locale, newWord)).toEqual(['canola']);
      expect(await idsOf(search, locale, oldOnlyWord)).toEqual([]);
      // Still in the body: found from the delta only, never also from the stale copy in the main segment.
      const sharedAfter = await outcomeOf(search, locale, sharedWord);
      expect(sharedAfter.total).toBe(sharedBefore.total);
      expect(sharedAfter.hits.filter((h) => h.document.id === 'canola')).toHaveLength(1);
      expect(sharedAfter.hits.find((h) => h.document.id === 'canola')?.document.title).toBe(title);
    });

    it.each(locales)('keeps the latest of several corrections (%s)', async (locale) => {
      const search = await loadedSearch(engine);
      const original = fixtureDocuments.find((d) => d.locale === locale && d.id === 'canola')!;
      search.upsertDocument({ ...original, title: `${original.title} zeppelin` });
      search.upsertDocument({ ...original, title: `${original.title} dirigible` });
      expect(await idsOf(search, locale, 'zeppelin')).toEqual([]);
      expect(await idsOf(search, locale, 'dirigible')).toEqual(['canola']);
    });
  });

  describe('taking an article down', () => {
    it.each(locales)('removes it from results and totals (%s)', async (locale) => {
      const search = await loadedSearch(engine);
      const before = await outcomeOf(search, locale, 'canola');
      expect(before.hits.map((h) => h.document.id)).toContain('tariffs');

      search.removeDocument(locale, 'tariffs');

      const after = await outcomeOf(search, locale, 'canola');
      expect(after.total).toBe(before.total - 1);
      expect(after.hits.map((h) => h.document.id)).not.toContain('tariffs');
      expect((await outcomeOf(search, locale, locale === 'en' ? 'tariffs' : 'douane')).total).toBe(0);
      // The other language keeps its version of the article.
      const other = locales.find((l) => l !== locale)!;
      expect(await idsOf(search, other, 'canola')).toContain('tariffs');
    });

    it.each(locales)('takes down an article published since the index was built (%s)', async (locale) => {
      const search = await loadedSearch(engine);
      const { document, titleQuery } = publications[locale];
      search.upsertDocument(document);
      expect((await outcomeOf(search, locale, titleQuery)).total).toBe(1);
      search.removeDocument(locale, document.id);
      expect((await outcomeOf(search, locale, titleQuery)).total).toBe(0);
    });
  });

  describe('pages across the main and delta segments', () => {
    it.each(locales)('counts and pages every live document once, newest first among equal scores (%s)', async (locale) => {
      const perPage = 3;
      const main = manyDocuments(locale, 'Pipeline', 7);
      const search = await loadedSearch(engine, main, perPage);
      // Same shape as the main documents, so that scores tie and dates decide.
      const added = [8, 9, 10, 11].map((n) =>
        publishedDocument(locale, `added-${n}`, {
          title: `Pipeline report number ${n}`,
          dek: 'One of many.',
          body: `Body of report ${n}.`,
          sectionLabel: 'World',
          // Between the main documents' days, so that pages interleave both segments.
          published: new Date(Date.UTC(2026, 0, n - 5, 12)).toISOString(),
        }),
      );
      for (const document of added) search.upsertDocument(document);
      search.removeDocument(locale, 'many-5');
      search.upsertDocument({ ...main[1]!, dek: 'One of many, corrected.' });

      const live = [...main.filter((d) => d.id !== 'many-5'), ...added];
      const expected = [...live].sort((a, b) => Date.parse(b.published) - Date.parse(a.published)).map((d) => d.id);
      const first = await outcomeOf(search, locale, 'pipeline');
      expect(first).toMatchObject({ total: 10, pageCount: 4, match: 'all' });

      const seen: string[] = [];
      for (let page = 1; page <= first.pageCount; page++) {
        const outcome = await outcomeOf(search, locale, 'pipeline', page);
        expect(outcome.total).toBe(10);
        seen.push(...outcome.hits.map((h) => h.document.id));
      }
      expect(seen).toEqual(expected);
      expect(new Set(seen).size).toBe(seen.length);
      const past = await outcomeOf(search, locale, 'pipeline', 5);
      expect(past).toMatchObject({ total: 10, hits: [] });
    });

    it.each(locales)('falls back to some of the terms only when no segment has them all (%s)', async (locale) => {
      const search = await loadedSearch(engine);
      const { document, titleQuery } = publications[locale];
      // Main has `canola` but not the new words; the delta has both.
      search.upsertDocument({ ...document, dek: `${document.dek} Canola.` });
      const both = await outcomeOf(search, locale, `canola ${titleQuery}`);
      expect(both).toMatchObject({ match: 'all', total: 1 });
      search.removeDocument(locale, document.id);
      const some = await outcomeOf(search, locale, `canola ${titleQuery}`);
      expect(some.match).toBe('some');
      expect(some.hits.map((h) => h.document.id)).toContain('canola');
    });
  });

  describe('changes and loading', () => {
    /** A loader whose loads finish when the test says, in `releases` order of calls. */
    function deferredLoader() {
      const releases: ((corpus: SearchCorpus) => void)[] = [];
      const failures: ((error: Error) => void)[] = [];
      const load = () =>
        new Promise<SearchCorpus>((resolve, reject) => {
          releases.push(resolve);
          failures.push(reject);
        });
      return { load, releases, failures };
    }

    it.each(locales)('applies a change that arrives while the corpus is loading (%s)', async (locale) => {
      const { load, releases } = deferredLoader();
      const search = engine.siteSearch(load);
      const { document, titleQuery } = publications[locale];
      const firstSearch = outcomeOf(search, locale, titleQuery);
      expect(releases).toHaveLength(1);

      // The loader read the content before this publication and this takedown.
      search.upsertDocument(document);
      search.removeDocument(locale, 'tariffs');
      releases[0]!({ documents: ofLocale(fixtureDocuments, locale), topics: [] });

      expect((await firstSearch).hits.map((h) => h.document.id)).toEqual(['election']);
      expect(await idsOf(search, locale, 'canola')).not.toContain('tariffs');
      expect(await idsOf(search, locale, 'canola')).toContain('canola');
      expect(releases).toHaveLength(1);
    });

    it.each(locales)('needs no change before a language is loaded: the first search reads the current corpus (%s)', async (locale) => {
      const { document, titleQuery } = publications[locale];
      const { load, calls } = corpusLoader([...fixtureDocuments, document]);
      const search = engine.siteSearch(load);
      search.upsertDocument(document);
      search.removeDocument(locale, 'canola');
      expect(calls).toEqual([]);
      expect(await idsOf(search, locale, titleQuery)).toEqual(['election']);
      // The takedown was not queued for later: the loader's corpus is the truth.
      expect(await idsOf(search, locale, 'canola')).toContain('canola');
    });

    it('reloads every language after a reset, and a change queued for a stale load does not leak', async () => {
      const { load, calls } = corpusLoader();
      const search = engine.siteSearch(load);
      await search.searchPage('en', {});
      search.upsertDocument(publications.en.document);
      expect(await idsOf(search, 'en', 'scotia')).toEqual(['election']);

      search.reset();

      expect(await idsOf(search, 'en', 'scotia')).toEqual([]);
      expect(calls).toEqual(['en', 'en']);
    });

    it('does not let a failed stale load forget the current one', async () => {
      const { load, releases, failures } = deferredLoader();
      const search = engine.siteSearch(load);
      const stale = search.searchPage('fr', {});
      search.reset();
      const current = search.searchPage('fr', {});
      releases[1]!({ documents: ofLocale(fixtureDocuments, 'fr'), topics: ['Énergie'] });
      await current;
      failures[0]!(new Error('content unavailable'));
      await expect(stale).rejects.toThrow('content unavailable');
      await search.searchPage('fr', { q: 'canola' });
      expect(releases).toHaveLength(2);
    });

    it('replaces a language’s suggested topics, and only its own', async () => {
      const { load } = corpusLoader();
      const search = engine.siteSearch(async (locale) => ({ ...(await load(locale)), topics: [locale === 'en' ? 'Canola' : 'Énergie'] }));
      await Promise.all(locales.map((locale) => search.searchPage(locale, {})));
      search.setTopics('fr', ['Élections', 'Logement']);
      expect((await search.searchPage('fr', {})).topics).toEqual(['Élections', 'Logement']);
      expect((await search.searchPage('en', {})).topics).toEqual(['Canola']);
    });
  });
});

// In-process only: merging segments is how that engine takes changes. PostgreSQL
// has no segments to merge (a GIN index takes each row as it is written).
describe('merging the delta into the main segment', () => {
  it('keeps the changes made while a merge runs', async () => {
    const index = createIncrementalSearchIndex('fr', fixtureDocuments, { pause: async () => undefined });
    index.upsert(publications.fr.document);
    expect(index.pendingChanges).toBe(1);
    const merging = index.merge();
    const late = publishedDocument('fr', 'late', { title: 'Grève des débardeurs au port de Montréal' });
    index.upsert(late);
    index.remove('canola');
    await merging;

    // The publication is now in the main segment; the late changes wait for the next merge.
    expect(index.pendingChanges).toBe(2);
    expect(index.documentCount).toBe(6);
    const ids = (query: string) => index.search({ query, page: 1 }).hits.map((h) => h.document.id);
    expect(ids('federales')).toEqual(['election']);
    expect(ids('debardeurs')).toEqual(['late']);
    expect(ids('canola')).not.toContain('canola');
    expect(ids('canola').length).toBeGreaterThan(0);
    await index.merge();
    expect(index.pendingChanges).toBe(0);
    expect(ids('debardeurs')).toEqual(['late']);
    expect(ids('canola')).not.toContain('canola');
  });

  it('starts a merge on its own once the delta reaches the threshold', async () => {
    let pauses = 0;
    const index = createIncrementalSearchIndex('en', fixtureDocuments, {
      mergeThreshold: 2,
      pause: async () => {
        pauses += 1;
      },
    });
    index.upsert(publications.en.document);
    expect(pauses).toBe(0);
    index.upsert(publishedDocument('en', 'strike', { title: 'Port workers strike in Montreal' }));
    expect(pauses).toBeGreaterThan(0);
    // Joins the merge already running.
    await index.merge();
    expect(index.pendingChanges).toBe(0);
    expect(index.search({ query: 'strike', page: 1 }).hits.map((h) => h.document.id)).toEqual(['strike']);
    expect(index.search({ query: 'scotia', page: 1 }).hits.map((h) => h.document.id)).toEqual(['election']);
  });

  it('abandons a merge when the index is disposed, and stays searchable', async () => {
    const index = createIncrementalSearchIndex('en', fixtureDocuments, { pause: async () => undefined });
    index.upsert(publications.en.document);
    const merging = index.merge();
    index.dispose();
    await merging;
    expect(index.pendingChanges).toBe(1);
    expect(index.search({ query: 'scotia', page: 1 }).total).toBe(1);
  });
});
