import { screen } from '@testing-library/react';
import { LocaleSwitcher } from '@/components/layout/LocaleSwitcher';
import { staticAlternates } from '@/i18n/alternates';
import { renderWithLocale } from '../support/render-with-locale';

describe('LocaleSwitcher', () => {
  it('on an English page, links to the French equivalent, not the French home', () => {
    renderWithLocale(<LocaleSwitcher alternates={staticAlternates('/search')} />, 'en');
    const link = screen.getByRole('link', { name: /Lire en français/ });
    expect(link).toHaveAttribute('href', '/fr/recherche');
    expect(link).toHaveAttribute('hreflang', 'fr-CA');
    expect(link).toHaveAttribute('lang', 'fr-CA');
  });

  it('on a French page, links to the English equivalent', () => {
    renderWithLocale(<LocaleSwitcher alternates={staticAlternates('/cart')} />, 'fr');
    expect(screen.getByRole('link', { name: /Read in English/ })).toHaveAttribute('href', '/en/cart');
  });

  it('follows translated article slugs given by the page', () => {
    renderWithLocale(
      <LocaleSwitcher alternates={{ en: '/en/articles/canada-china-reset', fr: '/fr/articles/canada-chine-relance' }} />,
      'en',
    );
    expect(screen.getByRole('link')).toHaveAttribute('href', '/fr/articles/canada-chine-relance');
  });

  it('says the page is untranslated instead of linking to a 404', () => {
    renderWithLocale(<LocaleSwitcher alternates={{ en: '/en/articles/only-english', fr: null }} />, 'en');
    expect(screen.queryByRole('link')).toBeNull();
    expect(screen.getByText('This page is not available in French.')).toBeInTheDocument();
  });

  it('marks the link with the language it leads to, for the head script that remembers it (lib/locale-cookie.ts)', () => {
    renderWithLocale(<LocaleSwitcher alternates={staticAlternates('/')} />, 'fr');
    expect(screen.getByRole('link')).toHaveAttribute('data-locale-switch', 'en');
  });
});
