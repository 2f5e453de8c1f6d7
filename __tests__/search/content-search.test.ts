import { contentRepository } from '@/lib/content/repository';
import { articleToSearchDocument, contentSearchCorpus } from '@/lib/search/content-search';
import { createSiteSearch } from '@/lib/search/site-search';

describe('search over the content repository', () => {
  const load = contentSearchCorpus(contentRepository);
  const siteSearch = createSiteSearch(load);

  it.each(['en', 'fr'] as const)('indexes every article of the language as plain text (%s)', async (locale) => {
    const { documents } = await load(locale);
    expect(documents.length).toBeGreaterThan(0);
    expect(documents.map((d) => d.id).sort()).toEqual(contentRepository.listArticles(locale).map((a) => a.id).sort());
    for (const doc of documents) {
      expect(doc.locale).toBe(locale);
      expect(doc.body.length).toBeGreaterThan(1000);
      // Markdown syntax and markup are gone: snippets are cut from what readers read.
      expect(doc.body).not.toMatch(/(^|\s)##\s|\*\*|<\/?[a-z]+>/);
    }
  });

  it('uses the section name of the document’s language', () => {
    const [article] = contentRepository.listArticles('fr').filter((a) => a.section === 'business');
    expect(article && articleToSearchDocument(article, contentRepository).sectionLabel).toBe('Économie');
  });

  it.each(['en', 'fr'] as const)('suggests the most used topics first (%s)', async (locale) => {
    const { topics } = await load(locale);
    expect(topics.length).toBeGreaterThan(2);
    expect(topics.length).toBeLessThanOrEqual(6);
    const counts = topics.map((label) => {
      const tag = contentRepository.listTags().find((t) => t[locale].label === label);
      return tag ? contentRepository.articlesWithTag(locale, tag.key).length : -1;
    });
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(counts.every((c) => c > 0)).toBe(true);
  });

  it.each([
    ['fr', 'energie', 'canada-energy-trade'],
    ['fr', 'oeuvre', 'canada-energy-trade'],
    ['fr', 'quebec', 'canada-energy-trade'],
    ['en', 'canol', 'canola-trade-china'],
    ['fr', 'canola', 'canola-trade-china'],
  ] as const)('finds the real articles: %s %p → %s', async (locale, q, id) => {
    const model = await siteSearch.searchPage(locale, { q });
    expect(model.outcome?.hits.map((h) => h.document.id)).toContain(id);
  });
});
