import '@testing-library/jest-dom';
import { screen, within } from '@testing-library/react';
import { SiteHeader } from '@/components/layout/SiteHeader';
import { HighlightedText } from '@/components/search/HighlightedText';
import { SearchForm } from '@/components/search/SearchForm';
import { SearchResults } from '@/components/search/SearchResults';
import type { Locale } from '@/i18n/routing';
import { createSiteSearch, type SearchPageModel } from '@/lib/search/site-search';
import { searchAlternates } from '@/lib/search/search-urls';
import { renderWithLocale } from '../support/render-with-locale';
import { fixtureDocuments, manyDocuments } from './fixtures';

const topics = { en: ['Canola', 'Energy'], fr: ['Canola', 'Énergie'] };

function modelFor(locale: Locale, raw: Record<string, string | string[]>, documents = fixtureDocuments): Promise<SearchPageModel> {
  const search = createSiteSearch(async (l) => ({ documents: documents.filter((d) => d.locale === l), topics: topics[l] }));
  return search.searchPage(locale, raw);
}

async function renderResults(locale: Locale, raw: Record<string, string | string[]>, documents = fixtureDocuments) {
  return renderWithLocale(<SearchResults model={await modelFor(locale, raw, documents)} />, locale);
}

describe('SearchResults', () => {
  it.each<[Locale, string, string]>([
    ['en', 'prairies', '1 result for “prairies”'],
    ['en', 'canola', '2 results for “canola”'],
    ['fr', 'prairies', '1 résultat pour « prairies »'],
    ['fr', 'canola', '2 résultats pour « canola »'],
  ])('announces the count in a heading (%s %s)', async (locale, q, heading) => {
    await renderResults(locale, { q });
    // toHaveTextContent folds the French no-break spaces; messages.test.ts checks them.
    expect(screen.getByRole('heading', { level: 2 })).toHaveTextContent(heading);
  });

  it.each<[Locale, string, string]>([
    ['en', 'canola', '/en/articles/en-canola'],
    ['fr', 'oeuvre', '/fr/articles/fr-diplomacy'],
  ])('shows title link, dek, section, localized date and marked snippet (%s)', async (locale, q, href) => {
    await renderResults(locale, { q });
    const [first] = screen.getAllByRole('article');
    const article = within(first as HTMLElement);
    expect(article.getByRole('link')).toHaveAttribute('href', href);
    expect(first?.querySelector('mark')).not.toBeNull();
    const time = first?.querySelector('time');
    if (locale === 'en') {
      expect(article.getByText('Business')).toBeInTheDocument();
      expect(time).toHaveTextContent('February 15, 2026');
    } else {
      expect(article.getByText('Monde')).toBeInTheDocument();
      expect(time).toHaveTextContent('15 avril 2026');
    }
  });

  it.each<[Locale, string, string]>([
    ['en', 'No results for “zeppelin”', 'Popular topics'],
    ['fr', 'Aucun résultat pour « zeppelin »', 'Sujets populaires'],
  ])('suggests topics as ready-made searches when nothing matches (%s)', async (locale, heading, suggestions) => {
    await renderResults(locale, { q: 'zeppelin' });
    expect(screen.getByRole('heading', { level: 2 })).toHaveTextContent(heading);
    expect(screen.getByRole('heading', { level: 3 })).toHaveTextContent(suggestions);
    const link = screen.getByRole('link', { name: 'Canola' });
    expect(link).toHaveAttribute('href', locale === 'en' ? '/en/search?q=Canola' : '/fr/recherche?q=Canola');
  });

  it.each<Locale>(['en', 'fr'])('invites a search and suggests topics for an empty query (%s)', async (locale) => {
    await renderResults(locale, {});
    expect(screen.getByRole('heading', { level: 2 })).toHaveTextContent(locale === 'en' ? 'Popular topics' : 'Sujets populaires');
    expect(screen.getAllByRole('link')).toHaveLength(2);
  });

  it.each<[Locale, RegExp]>([
    ['en', /only very common words/],
    ['fr', /que des mots très courants/],
  ])('explains a query of common words only (%s)', async (locale, text) => {
    await renderResults(locale, { q: locale === 'en' ? 'the' : 'les' });
    expect(screen.getByText(text)).toBeInTheDocument();
  });

  it.each<[Locale, RegExp]>([
    ['en', /only its first 200 characters were used/],
    ['fr', /seuls ses 200 premiers caractères ont été utilisés/],
  ])('says when the query was cut (%s)', async (locale, text) => {
    await renderResults(locale, { q: 'canola '.repeat(100) });
    expect(screen.getByText(text)).toBeInTheDocument();
  });

  it.each<[Locale, RegExp]>([
    ['en', /Only the first 10 words/],
    ['fr', /Seuls les 10 premiers mots/],
  ])('says when words were left out (%s)', async (locale, text) => {
    await renderResults(locale, { q: 'one two three four five six seven eight nine ten eleven twelve' });
    expect(screen.getByText(text)).toBeInTheDocument();
  });

  it.each<[Locale, string]>([
    ['en', 'Back to the first page of results'],
    ['fr', 'Revenir à la première page de résultats'],
  ])('gives an empty page with a way back past the last page (%s)', async (locale, back) => {
    await renderResults(locale, { q: 'canola', page: '5' });
    expect(screen.queryAllByRole('article')).toHaveLength(0);
    expect(screen.getByRole('link', { name: back })).toHaveAttribute(
      'href',
      locale === 'en' ? '/en/search?q=canola' : '/fr/recherche?q=canola',
    );
  });
});

describe('pagination', () => {
  const many = { en: manyDocuments('en', 'Pipeline', 23), fr: manyDocuments('fr', 'Pipeline', 23) };

  it.each<[Locale, string, string, string]>([
    ['en', 'Result pages', 'Next page', 'Page 1 of 3'],
    ['fr', 'Pages de résultats', 'Page suivante', 'Page 1 sur 3'],
  ])('links to the next page, keeping the query (%s)', async (locale, label, next, status) => {
    await renderResults(locale, { q: 'pipeline é' }, many[locale]);
    const nav = within(screen.getByRole('navigation', { name: label }));
    expect(nav.getByText(status)).toBeInTheDocument();
    expect(nav.getAllByRole('link')).toHaveLength(1);
    const path = locale === 'en' ? '/en/search' : '/fr/recherche';
    expect(nav.getByRole('link', { name: next })).toHaveAttribute('href', `${path}?q=pipeline+%C3%A9&page=2`);
    expect(screen.getAllByRole('article')).toHaveLength(10);
  });

  it.each<Locale>(['en', 'fr'])('links both ways from a middle page and numbers results on (%s)', async (locale) => {
    const { container } = await renderResults(locale, { q: 'pipeline', page: '2' }, many[locale]);
    const links = within(screen.getByRole('navigation')).getAllByRole('link');
    expect(links.map((l) => l.getAttribute('href'))).toEqual(
      locale === 'en'
        ? ['/en/search?q=pipeline', '/en/search?q=pipeline&page=3']
        : ['/fr/recherche?q=pipeline', '/fr/recherche?q=pipeline&page=3'],
    );
    expect(container.querySelector('ol')).toHaveAttribute('start', '11');
  });

  it('shows no pagination when everything fits on one page', async () => {
    await renderResults('en', { q: 'canola' });
    expect(screen.queryByRole('navigation')).toBeNull();
  });
});

describe('escaping', () => {
  it.each<Locale>(['en', 'fr'])('shows markup from the article and the query as text (%s)', async (locale) => {
    const { container } = await renderResults(locale, { q: '<script>alert(1)</script>' });
    expect(container.querySelector('script')).toBeNull();
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('b')).toBeNull();
    expect(container.innerHTML).toContain('&lt;<mark>script</mark>&gt;<mark>alert</mark>(<mark>1</mark>)&lt;/<mark>script</mark>&gt;');
    // The query itself, in the heading, is text too.
    expect(screen.getByRole('heading', { level: 2 }).innerHTML).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('renders segments only as text and <mark>', () => {
    const { container } = renderWithLocale(
      <p>
        <HighlightedText
          segments={[
            { text: '<img src=x onerror=alert(1)>', marked: false },
            { text: '<b>bold</b>', marked: true },
          ]}
        />
      </p>,
      'en',
    );
    expect(container.innerHTML).toBe('<p>&lt;img src=x onerror=alert(1)&gt;<mark>&lt;b&gt;bold&lt;/b&gt;</mark></p>');
  });
});

describe('search forms', () => {
  it.each<[Locale, string, string]>([
    ['en', 'Search the site', '/en/search'],
    ['fr', 'Rechercher dans le site', '/fr/recherche'],
  ])('the header offers a GET search form with its own field id (%s)', (locale, name, action) => {
    renderWithLocale(<SiteHeader alternates={searchAlternates('canola')} />, locale);
    const form = screen.getByRole('search', { name });
    expect(form).toHaveAttribute('action', action);
    expect(form).toHaveAttribute('method', 'get');
    const input = within(form).getByRole('searchbox', { name });
    expect(input).toHaveAttribute('id', 'site-search-q');
    expect(input).toHaveAttribute('name', 'q');
  });

  it.each<Locale>(['en', 'fr'])('the page form and the header form are distinct landmarks with distinct ids (%s)', (locale) => {
    renderWithLocale(
      <>
        <SiteHeader alternates={searchAlternates('')} />
        <SearchForm query="énergie" />
      </>,
      locale,
    );
    const forms = screen.getAllByRole('search');
    expect(forms).toHaveLength(2);
    const names = forms.map((f) => f.getAttribute('aria-label'));
    expect(new Set(names).size).toBe(2);
    const ids = screen.getAllByRole('searchbox').map((i) => i.id);
    expect(ids).toEqual(['site-search-q', 'search-q']);
    expect(screen.getAllByRole('searchbox')[1]).toHaveValue('énergie');
  });

  it('the language switcher on a results page keeps the query', () => {
    renderWithLocale(<SiteHeader alternates={searchAlternates('énergie')} />, 'fr');
    expect(screen.getByRole('link', { name: /Read in English/ })).toHaveAttribute('href', '/en/search?q=%C3%A9nergie');
  });
});
