import { screen, within } from '@testing-library/react';
import { SiteNav } from '@/components/layout/SiteNav';
import { bothLocales, renderWithLocale } from '../support/render-with-locale';

const expected = {
  en: [
    ['Home', '/en'],
    ['Account', '/en/account'],
    ['Cart', '/en/cart'],
    ['Search', '/en/search'],
  ],
  fr: [
    ['Accueil', '/fr'],
    ['Compte', '/fr/compte'],
    ['Panier', '/fr/panier'],
    ['Recherche', '/fr/recherche'],
  ],
} as const;

describe.each(bothLocales)('SiteNav (%s)', (locale) => {
  it('links Home, Account, Cart and Search to the localized paths, in order', () => {
    renderWithLocale(<SiteNav />, locale);
    const nav = screen.getByRole('navigation');
    const links = within(nav).getAllByRole('link');
    expect(links.map((a) => [a.textContent, a.getAttribute('href')])).toEqual(expected[locale]);
  });

  it('marks only the current page with aria-current', () => {
    renderWithLocale(<SiteNav current="cart" />, locale);
    const current = screen.getAllByRole('link').filter((a) => a.getAttribute('aria-current') === 'page');
    expect(current).toHaveLength(1);
    expect(current[0]).toHaveTextContent(expected[locale][2][0]);
  });

  it('has a localized accessible name and the id the skip link targets', () => {
    renderWithLocale(<SiteNav />, locale);
    const nav = screen.getByRole('navigation', { name: locale === 'en' ? 'Main' : 'Principale' });
    expect(nav).toHaveAttribute('id', 'site-nav');
  });
});
