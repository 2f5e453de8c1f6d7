import { screen, within } from '@testing-library/react';
import { SiteHeader } from '@/components/layout/SiteHeader';
import { staticAlternates } from '@/i18n/alternates';
import type { Locale } from '@/i18n/routing';
import { renderWithLocale } from '../support/render-with-locale';

describe.each<[Locale, string, string, string]>([
  ['en', 'Search', 'Search the site', 'Lire en français'],
  ['fr', 'Recherche', 'Rechercher dans le site', 'Read in English'],
])('SiteHeader on a phone-first layout (%s)', (locale, summary, formName, switchName) => {
  it('puts the search form behind a disclosure that works without JavaScript and focuses its field', () => {
    const { container } = renderWithLocale(<SiteHeader alternates={staticAlternates('/')} />, locale);
    const details = container.querySelector('details');
    expect(details).not.toBeNull();
    expect(details).toHaveAttribute('data-focus-on-open');
    expect(details?.querySelector('summary')).toHaveTextContent(summary);
    const form = within(details as HTMLElement).getByRole('search', { name: formName });
    expect(within(form).getByRole('searchbox', { name: formName })).toHaveAttribute('name', 'q');
  });

  it('shows the language switch as a short code with the full name for assistive technology', () => {
    renderWithLocale(<SiteHeader alternates={staticAlternates('/')} />, locale);
    const link = screen.getByRole('link', { name: switchName });
    expect(link.querySelector('.locale-switcher__short')).toHaveAttribute('aria-hidden', 'true');
    expect(link.querySelector('.locale-switcher__short')?.textContent).toMatch(/^(FR|EN)$/);
  });
});
