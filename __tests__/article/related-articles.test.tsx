import { screen, within } from '@testing-library/react';
import { RelatedArticles } from '@/components/article/RelatedArticles';
import { bothLocales, renderWithLocale } from '../support/render-with-locale';
import { makeArticle } from './article-fixture';

const headings = { en: 'Related articles', fr: 'À lire aussi' };
const dates = { en: 'February 5, 2026', fr: '5 février 2026' };

describe.each(bothLocales)('RelatedArticles (%s)', (locale) => {
  const related = [
    makeArticle({ locale, id: 'one', slug: 'one', path: `/${locale}/articles/one`, title: 'First related', published: '2026-02-05T10:00:00-05:00' }),
    makeArticle({ locale, id: 'two', slug: 'two', path: `/${locale}/articles/two`, title: 'Second related' }),
  ];

  it('lists each related article as a link under a localized heading', () => {
    renderWithLocale(<RelatedArticles articles={related} />, locale);
    const region = screen.getByRole('region', { name: headings[locale] });
    const items = within(region).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    const links = within(region).getAllByRole('link');
    expect(links.map((a) => [a.textContent, a.getAttribute('href')])).toEqual([
      ['First related', `/${locale}/articles/one`],
      ['Second related', `/${locale}/articles/two`],
    ]);
    expect(within(items[0]!).getByText(dates[locale]).tagName).toBe('TIME');
  });

  it('renders nothing when there is nothing related', () => {
    const { container } = renderWithLocale(<RelatedArticles articles={[]} />, locale);
    expect(container).toBeEmptyDOMElement();
  });
});
