import { MAX_QUERY_LENGTH, parseSearchParams } from '@/lib/search/search-params';

describe('parseSearchParams', () => {
  it('reads q and page', () => {
    expect(parseSearchParams({ q: 'canola', page: '2' })).toEqual({ query: 'canola', queryWasCut: false, page: 2 });
  });

  it('treats a missing q as an empty query on page 1', () => {
    expect(parseSearchParams({})).toEqual({ query: '', queryWasCut: false, page: 1 });
  });

  it('takes the first of repeated q and page parameters', () => {
    expect(parseSearchParams({ q: ['énergie', 'canola'], page: ['3', '1'] })).toMatchObject({ query: 'énergie', page: 3 });
  });

  it('trims and collapses whitespace, including newlines and invisible characters', () => {
    expect(parseSearchParams({ q: '  droits \n\t de   douane  ' }).query).toBe('droits de douane');
    expect(parseSearchParams({ q: 'ré\u00adgion\u200b' }).query).toBe('région');
  });

  it(`cuts the query at ${MAX_QUERY_LENGTH} characters and reports it`, () => {
    const long = 'a'.repeat(10_000);
    const parsed = parseSearchParams({ q: long });
    expect(parsed.query).toHaveLength(MAX_QUERY_LENGTH);
    expect(parsed.queryWasCut).toBe(true);
    const exact = parseSearchParams({ q: `  ${'b'.repeat(MAX_QUERY_LENGTH)}  ` });
    expect(exact).toMatchObject({ queryWasCut: false });
    expect(exact.query).toHaveLength(MAX_QUERY_LENGTH);
  });

  it('counts characters, not UTF-16 units, so an emoji is never cut in half', () => {
    const parsed = parseSearchParams({ q: '🍁'.repeat(MAX_QUERY_LENGTH + 5) });
    expect(Array.from(parsed.query)).toHaveLength(MAX_QUERY_LENGTH);
    expect(parsed.query).not.toMatch(/[\uD800-\uDBFF]$/);
  });

  it.each([['abc'], ['-1'], ['0'], ['2.5'], [''], ['1e3'], ['9'.repeat(400)]])('page=%p becomes page 1', (page) => {
    expect(parseSearchParams({ q: 'x', page }).page).toBe(1);
  });

  it('keeps a large but valid page number (it will be an empty page)', () => {
    expect(parseSearchParams({ q: 'x', page: '999' }).page).toBe(999);
  });
});
