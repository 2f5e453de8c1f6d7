import { screen, within } from '@testing-library/react';
import { CookiePolicy, CookieTable } from '@/components/consent/CookiePolicy';
import { LOCALE_COOKIE } from '@/lib/locale-cookie';
import { CONSENT_COOKIE } from '@/lib/consent/consent-cookie';
import { cookieRegistry, findRegistryEntry, registryProviders, withdrawalRules } from '@/lib/consent/cookie-registry';
import { embedProviders } from '@/lib/embeds/providers';
import { bothLocales, messagesByLocale, renderWithLocale } from '../support/render-with-locale';

describe('cookie registry', () => {
  it('lists the cookies the site sets, each once', () => {
    const keys = cookieRegistry.map((e) => `${e.storage}:${e.name}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(findRegistryEntry(CONSENT_COOKIE)).toMatchObject({ category: 'necessary', duration: { kind: 'days', days: 182 } });
    expect(findRegistryEntry(LOCALE_COOKIE)).toMatchObject({ category: 'preferences', duration: { kind: 'session-or-days' } });
    expect(findRegistryEntry('theme')).toMatchObject({ category: 'preferences' });
    // The analytics beacon is cookieless: the prefix is reserved, nothing is set.
    expect(findRegistryEntry('_ndx_a_anything')).toMatchObject({ category: 'analytics', duration: { kind: 'not-set' } });
    expect(findRegistryEntry('unknown_cookie')).toBeUndefined();
  });

  it('names every embed provider, so that its cookies are in the policy', () => {
    expect(registryProviders().sort()).toEqual(expect.arrayContaining(embedProviders.map((p) => p.name).sort()));
  });

  it('gives a purpose in both languages, French typography included', () => {
    expect(cookieRegistry.length).toBeGreaterThan(0);
    for (const entry of cookieRegistry) {
      expect(entry.purpose.en.length).toBeGreaterThan(20);
      expect(entry.purpose.fr.length).toBeGreaterThan(20);
      expect({ name: entry.name, bad: / [:;!?%»]|« |'|\bcookies?\b/i.test(entry.purpose.fr) }).toEqual({ name: entry.name, bad: false });
    }
  });

  it('hands the browser only first-party, optional keys for withdrawal', () => {
    const rules = withdrawalRules();
    expect(rules.map((r) => r.name).sort()).toEqual(['NEXT_LOCALE', '_ndx_a*', 'theme']);
    expect(rules.find((r) => r.name === 'NEXT_LOCALE')?.keepForSession).toBe(true);
    expect(rules.find((r) => r.name === '_ndx_a*')?.keepForSession).toBe(false);
  });
});

const expectedRows = {
  en: {
    consent: ['consent', 'Strictly necessary', '182 days', 'This site (first party)'],
    NEXT_LOCALE: ['NEXT_LOCALE', 'Preferences', 'End of session, or 1 year if you accept preference cookies', 'This site (first party)'],
    YSC: ['YSC', 'Marketing and embedded content', 'End of session', 'YouTube (third party, youtube.com)'],
    _ndx: ['_ndx_a*', 'Audience measurement', 'None set today', 'This site (first party)'],
  },
  fr: {
    consent: ['consent', 'Strictement nécessaires', '182\u00a0jours', 'Ce site (témoin interne)'],
    NEXT_LOCALE: ['NEXT_LOCALE', 'Préférences', 'Fin de la session, ou 1\u00a0an si vous acceptez les témoins de préférences', 'Ce site (témoin interne)'],
    YSC: ['YSC', 'Marketing et contenu intégré', 'Fin de la session', 'YouTube (tiers, youtube.com)'],
    _ndx: ['_ndx_a*', 'Mesure d’audience', 'Aucun pour l’instant', 'Ce site (témoin interne)'],
  },
} as const;

describe.each(bothLocales)('cookie policy table (%s)', (locale) => {
  it('has one row per registry entry, in the page language', () => {
    renderWithLocale(<CookieTable />, locale);
    const rows = within(screen.getByRole('table')).getAllByRole('row').slice(1);
    expect(cookieRegistry.length).toBeGreaterThan(0);
    expect(rows).toHaveLength(cookieRegistry.length);
    const cells = rows.map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent));
    cookieRegistry.forEach((entry, i) => {
      expect(cells[i]?.[0]).toBe(entry.name);
      expect(cells[i]?.[2]).toBe(entry.purpose[locale]);
    });
    const byName = (name: string) => cells.find((c) => c[0] === name);
    for (const [name, category, duration, party] of Object.values(expectedRows[locale])) {
      expect(byName(name)).toEqual([name, category, expect.any(String), duration, party]);
    }
  });

  it('has localized column headers', () => {
    renderWithLocale(<CookieTable />, locale);
    const headers = screen.getAllByRole('columnheader').map((h) => h.textContent);
    expect(headers).toEqual(Object.values(messagesByLocale[locale].CookiePolicy.columns));
  });
});

describe.each(bothLocales)('cookie policy page (%s)', (locale) => {
  const expected = {
    en: { date: 'November 28, 2026', settings: 'Change my cookie settings', href: '/en/cookies' },
    fr: { date: '28 novembre 2026', settings: 'Modifier mes paramètres des témoins', href: '/fr/temoins' },
  }[locale];

  it('explains each category, dates the revision, and offers the settings control', () => {
    renderWithLocale(<CookiePolicy />, locale);
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(messagesByLocale[locale].CookiePolicy.title);
    const terms = screen.getAllByRole('term').map((dt) => dt.textContent);
    expect(terms).toEqual(Object.values(messagesByLocale[locale].Consent.categories).map((c) => c.name));
    expect(screen.getByText(new RegExp(expected.date))).toBeInTheDocument();
    const control = screen.getByRole('link', { name: expected.settings });
    expect(control).toHaveAttribute('href', expected.href);
    expect(control).toHaveAttribute('data-consent-open');
  });
});
