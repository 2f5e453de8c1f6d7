import { screen } from '@testing-library/react';
import { ArticleDates } from '@/components/article/ArticleDates';
import { renderWithLocale } from '../support/render-with-locale';

const published = '2026-01-16T15:20:00-05:00';
const updated = '2026-01-16T18:45:00-05:00';

function times(container: HTMLElement) {
  return Array.from(container.querySelectorAll('time'), (t) => ({ datetime: t.getAttribute('datetime'), text: t.textContent }));
}

describe('ArticleDates', () => {
  // ICU puts a narrow no-break space (U+202F) between the time and "p.m.".
  it('gives English readers the publication and update times in the newsroom’s zone', () => {
    const { container } = renderWithLocale(<ArticleDates published={published} updated={updated} />, 'en');
    expect(times(container)).toEqual([
      { datetime: published, text: 'January 16, 2026 at 3:20\u202fp.m. EST' },
      { datetime: updated, text: 'January 16, 2026 at 6:45\u202fp.m. EST' },
    ]);
    expect(container).toHaveTextContent('Published January 16, 2026');
    expect(container).toHaveTextContent('Updated January 16, 2026');
  });

  it('writes French dates the Canadian way: « 16 janvier 2026 à 15 h 20 »', () => {
    const { container } = renderWithLocale(<ArticleDates published={published} updated={updated} />, 'fr');
    expect(times(container)).toEqual([
      { datetime: published, text: '16 janvier 2026 à 15 h 20 HNE' },
      { datetime: updated, text: '16 janvier 2026 à 18 h 45 HNE' },
    ]);
    expect(container).toHaveTextContent('Publié le 16 janvier 2026');
    expect(container).toHaveTextContent('Mis à jour le 16 janvier 2026');
  });

  it('writes single-digit hours without a leading zero in French', () => {
    const morning = '2026-09-09T07:45:00-04:00';
    const { container } = renderWithLocale(<ArticleDates published={morning} updated={morning} />, 'fr');
    expect(times(container)).toEqual([{ datetime: morning, text: '9 septembre 2026 à 7 h 45 HAE' }]);
  });

  it.each(['en', 'fr'] as const)('shows no update line when the article was never updated (%s)', (locale) => {
    const { container } = renderWithLocale(<ArticleDates published={published} updated={published} />, locale);
    expect(container.querySelectorAll('time')).toHaveLength(1);
    expect(screen.queryByText(/Updated|Mis à jour/)).toBeNull();
  });

  it('shows the date in Toronto even when the instant is already the next day in UTC', () => {
    const lateEvening = '2026-03-12T22:30:00-04:00';
    const { container } = renderWithLocale(<ArticleDates published={lateEvening} updated={lateEvening} />, 'en');
    expect(times(container)[0]?.text).toBe('March 12, 2026 at 10:30\u202fp.m. EDT');
  });
});
