import { foldText, splitWords } from '@/lib/search/normalize';
import { analyseQuery } from '@/lib/search/search-index';

describe('foldText', () => {
  it.each([
    ['Québec', 'quebec'],
    ['ÉNERGIE', 'energie'],
    ['œuvre', 'oeuvre'],
    ['Œuvre', 'oeuvre'],
    ['ex æquo', 'ex aequo'],
    ['Ærø', 'aerø'],
    ['garçon', 'garcon'],
    ['naïve façade', 'naive facade'],
    // Already decomposed input (combining acute accent) folds the same way.
    ['e\u0301nergie', 'energie'],
  ])('%s → %s', (input, folded) => {
    expect(foldText(input)).toBe(folded);
  });
});

describe('splitWords', () => {
  it('splits French elisions and hyphenated names', () => {
    expect(splitWords('l’énergie d\'Hydro-Québec')).toEqual(['l', 'énergie', 'd', 'Hydro', 'Québec']);
  });

  it('keeps markup characters out of words', () => {
    expect(splitWords('<script>alert(1)</script>')).toEqual(['script', 'alert', '1', 'script']);
  });
});

describe('analyseQuery', () => {
  it('drops English stop words but keeps meaningful short words', () => {
    expect(analyseQuery('The price of the canola in the U.S.', 'en').terms).toEqual(['price', 'canola']);
    expect(analyseQuery('what can US tariffs do', 'en').terms).toEqual(['can', 'us', 'tariffs']);
  });

  it('drops French stop words and elided articles', () => {
    expect(analyseQuery('les droits de douane sur l’énergie', 'fr').terms).toEqual(['droits', 'douane', 'energie']);
    expect(analyseQuery('qu’est-ce que c’est', 'fr').terms).toEqual([]);
  });

  it('does not use the other language’s stop words', () => {
    expect(analyseQuery('the', 'fr').terms).toEqual(['the']);
    expect(analyseQuery('les', 'en').terms).toEqual(['les']);
  });

  it('folds and de-duplicates terms', () => {
    expect(analyseQuery('Québec QUEBEC quebec', 'fr').terms).toEqual(['quebec']);
  });

  it('caps the number of terms and says so', () => {
    const words = Array.from({ length: 15 }, (_, i) => `word${i}`).join(' ');
    const { terms, termsCapped } = analyseQuery(words, 'en');
    expect(terms).toHaveLength(10);
    expect(terms[9]).toBe('word9');
    expect(termsCapped).toBe(true);
    expect(analyseQuery('canola prices', 'en').termsCapped).toBe(false);
  });
});
