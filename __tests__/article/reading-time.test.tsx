import { screen } from '@testing-library/react';
import { ReadingTime } from '@/components/article/ReadingTime';
import { renderWithLocale } from '../support/render-with-locale';

describe('ReadingTime', () => {
  it.each([
    ['en', 1, '1 min read'],
    ['en', 4, '4 min read'],
    ['fr', 1, '1 minute de lecture'],
    ['fr', 4, '4 minutes de lecture'],
  ] as const)('in %s, %i minute(s) reads "%s"', (locale, minutes, text) => {
    renderWithLocale(<ReadingTime minutes={minutes} />, locale);
    expect(screen.getByText(text)).toBeInTheDocument();
  });
});
