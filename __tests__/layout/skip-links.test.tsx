import { screen } from '@testing-library/react';
import { SkipLinks } from '@/components/layout/SkipLinks';
import { bothLocales, renderWithLocale } from '../support/render-with-locale';

const names = {
  en: ['Skip to main content', 'Skip to navigation'],
  fr: ['Passer au contenu principal', 'Passer à la navigation'],
};

describe.each(bothLocales)('SkipLinks (%s)', (locale) => {
  it('offers main content first, then navigation, pointing at existing ids', () => {
    renderWithLocale(<SkipLinks />, locale);
    const links = screen.getAllByRole('link');
    expect(links.map((a) => a.textContent)).toEqual(names[locale]);
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['#main', '#site-nav']);
  });
});
