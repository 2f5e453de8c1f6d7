import { screen } from '@testing-library/react';
import { ArticleByline } from '@/components/article/ArticleByline';
import { renderWithLocale } from '../support/render-with-locale';

const people = [
  { name: 'Marie Tremblay', organization: false },
  { name: 'John Smith', organization: false },
];

describe('ArticleByline', () => {
  it('credits the authors in English, joined with "and"', () => {
    renderWithLocale(<ArticleByline authors={people} />, 'en');
    expect(screen.getByText('By Marie Tremblay and John Smith')).toHaveClass('article-byline');
  });

  it('credits the authors in French, joined with « et »', () => {
    renderWithLocale(<ArticleByline authors={people} />, 'fr');
    expect(screen.getByText('Marie Tremblay et John Smith')).toBeInTheDocument();
    expect(screen.queryByText(/\bBy\b|\band\b/)).toBeNull();
  });

  it('names a single staff byline as written', () => {
    renderWithLocale(<ArticleByline authors={[{ name: 'Northern Dispatch staff', organization: true }]} />, 'en');
    expect(screen.getByText('By Northern Dispatch staff')).toBeInTheDocument();
  });
});
