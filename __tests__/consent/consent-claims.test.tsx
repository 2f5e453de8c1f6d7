import { screen, within } from '@testing-library/react';
import { ConsentRoot } from '@/components/consent/ConsentRoot';
import { CookiePolicy } from '@/components/consent/CookiePolicy';
import type { Locale } from '@/i18n/routing';
import { googleConsentFor } from '@/lib/analytics/google-consent';
import { buildPageView, PAGE_VIEW_ENDPOINT } from '@/lib/analytics/page-view';
import { CONSENT_MAX_AGE_DAYS, type ConsentCategory } from '@/lib/consent/categories';
import { consentRecordSchema } from '@/lib/consent/consent-cookie';
import { registryFor, registryProviders } from '@/lib/consent/cookie-registry';
import type { SiteTracking } from '@/lib/consent/site-tracking';
import { embedProviders } from '@/lib/embeds/providers';
import { formatPeriod } from '@/lib/format-period';
import { dataInventory } from '@/lib/privacy/data-inventory';
import { CONSENT_RECEIPT_RETENTION_DAYS, retentionCutoffs } from '@/lib/store/retention-policy';
import { bothLocales, renderWithLocale } from '../support/render-with-locale';
import { clearCookiesAndMarks, polyfillDialog, runInlineConsentScript } from './support';
import { aConsentRecord } from '../support/consent-record';

/*
 * Every statement the consent texts make, tied to the code that makes it
 * true. A claim is a phrase the rendered text must contain (so rewording
 * means revisiting the claim) and a check against the registry, the
 * category gates or the stored columns (so a change of behaviour without a
 * change of words fails).
 */

const OFF: SiteTracking = { googleTag: false };
const ON: SiteTracking = { googleTag: true };

beforeAll(() => polyfillDialog());
beforeEach(() => clearCookiesAndMarks());

/** The text of each consent category as the dialog shows it, plus the banner. */
function renderConsentTexts(locale: Locale, tracking: SiteTracking) {
  runInlineConsentScript();
  const { unmount, container } = renderWithLocale(<ConsentRoot tracking={tracking} />, locale);
  const text = (category: ConsentCategory) =>
    container.querySelector(`#consent-switch-${category}-description`)?.textContent ?? '';
  const texts = {
    banner: container.querySelector('.consent-banner__text')?.textContent ?? '',
    necessary: text('necessary'),
    preferences: text('preferences'),
    analytics: text('analytics'),
    marketing: text('marketing'),
  };
  unmount();
  return texts;
}

function renderPolicyText(locale: Locale, tracking: SiteTracking): string {
  const { unmount, container } = renderWithLocale(<CookiePolicy tracking={tracking} />, locale);
  const text = container.textContent ?? '';
  unmount();
  return text;
}

/** The sentences that are only true while no Google tag runs. */
const COOKIE_FREE: Record<Locale, RegExp[]> = {
  en: [/without (any )?cookies? (or|and) identifiers?/i, /server,? without (any )?cookies?/i, /counted without any cookie/i],
  fr: [/sans témoin ni identifiant/i, /serveur, sans témoin/i],
};

describe.each(bothLocales)('consent texts follow the configuration (%s)', (locale) => {
  it('say cookie-free only without the Google tag', () => {
    const off = renderConsentTexts(locale, OFF);
    const offPolicy = renderPolicyText(locale, OFF);
    // The patterns must match something, or the next assertion proves nothing.
    expect(COOKIE_FREE[locale].some((p) => p.test(off.analytics))).toBe(true);
    expect(COOKIE_FREE[locale].some((p) => p.test(off.banner))).toBe(true);
    expect(COOKIE_FREE[locale].some((p) => p.test(offPolicy))).toBe(true);

    const on = renderConsentTexts(locale, ON);
    const onPolicy = renderPolicyText(locale, ON);
    for (const pattern of COOKIE_FREE[locale]) {
      expect({ pattern: String(pattern), found: [on.banner, on.analytics, onPolicy].filter((t) => pattern.test(t)) }).toEqual({
        pattern: String(pattern),
        found: [],
      });
    }
  });

  it('name Google and its cookies wherever the tag is on, and nowhere else', () => {
    const on = renderConsentTexts(locale, ON);
    const off = renderConsentTexts(locale, OFF);
    expect(on.banner).toMatch(/Google Analytics/);
    expect(on.analytics).toMatch(/Google Analytics/);
    expect(on.analytics).toMatch(/_ga\b/);
    expect(on.marketing).toMatch(/_gcl/);
    expect(renderPolicyText(locale, ON)).toMatch(/Google Analytics/);
    for (const text of Object.values(off)) expect(text).not.toMatch(/Google/);
    expect(renderPolicyText(locale, OFF)).not.toMatch(/Google/);
  });

  it('list the Google cookies in the policy table only with the tag on', () => {
    renderWithLocale(<CookiePolicy tracking={ON} />, locale);
    const names = within(screen.getByRole('table'))
      .getAllByRole('rowheader')
      .map((cell) => cell.textContent);
    expect(names).toEqual(expect.arrayContaining(['_ga', '_ga_*', '_gcl_*']));
  });
});

type Claim = {
  where: 'banner' | ConsentCategory | 'policy';
  tracking: readonly SiteTracking[];
  says: Record<Locale, RegExp>;
  /** Throws (an expect) when the code no longer does what the text says. */
  holds: (tracking: SiteTracking, locale: Locale) => void;
};

const receiptColumns = Object.keys(dataInventory.find((r) => r.key === 'consentReceipts')?.columns ?? {});

const claims: Claim[] = [
  {
    where: 'banner',
    tracking: [OFF, ON],
    says: { en: /remember your language and theme beyond your visit/, fr: /retenons votre langue et votre thème au-delà de votre visite/ },
    holds: (tracking) => {
      const entries = registryFor(tracking).filter((e) => e.category === 'preferences');
      expect(entries.map((e) => e.name)).toEqual(['NEXT_LOCALE', 'theme']);
      for (const entry of entries) expect(entry.duration.kind).toBe('session-or-days');
    },
  },
  {
    where: 'banner',
    tracking: [OFF],
    says: { en: /count the pages you read on our own server without cookies/, fr: /comptons sur notre propre serveur, sans témoin/ },
    holds: (tracking) => {
      const entries = registryFor(tracking).filter((e) => e.category === 'analytics');
      expect(entries.length).toBeGreaterThan(0);
      for (const entry of entries) expect(entry.duration.kind).toBe('not-set');
    },
  },
  {
    where: 'banner',
    tracking: [ON],
    says: { en: /Google Analytics, which sets cookies/, fr: /Google Analytics, qui dépose des témoins/ },
    holds: (tracking) => expect(registryFor(tracking).filter((e) => e.name.startsWith('_ga')).length).toBeGreaterThan(0),
  },
  {
    where: 'necessary',
    tracking: [OFF, ON],
    says: { en: /random identifier/, fr: /identifiant aléatoire/ },
    holds: () => {
      expect(consentRecordSchema.safeParse(aConsentRecord({ id: 'reader@example.com' })).success).toBe(false);
      expect(consentRecordSchema.safeParse(aConsentRecord()).success).toBe(true);
    },
  },
  {
    where: 'necessary',
    tracking: [OFF, ON],
    says: { en: /recorded on our server/, fr: /consignée sur notre serveur/ },
    holds: () => expect(receiptColumns).toEqual(expect.arrayContaining(['consent_id', 'received_at'])),
  },
  {
    where: 'necessary',
    tracking: [OFF, ON],
    says: { en: /categories.*language.*Global Privacy Control.*times/, fr: /catégories.*langue.*Global Privacy Control.*heures/ },
    holds: () =>
      expect(receiptColumns).toEqual(
        expect.arrayContaining(['preferences', 'analytics', 'marketing', 'method', 'language', 'gpc', 'client_decided_at']),
      ),
  },
  {
    where: 'necessary',
    tracking: [OFF, ON],
    says: { en: /no IP address or browser details/, fr: /sans adresse IP ni renseignements sur votre navigateur/ },
    holds: () => {
      expect(receiptColumns.length).toBeGreaterThan(0);
      for (const column of receiptColumns) expect(column).not.toMatch(/ip|addr|agent|browser|user/i);
    },
  },
  {
    where: 'necessary',
    tracking: [OFF, ON],
    says: { en: /kept for 1 year/, fr: /conservé 1\u00a0an/ },
    holds: (_, locale) => {
      expect(formatPeriod(CONSENT_RECEIPT_RETENTION_DAYS, locale)).toBe(locale === 'en' ? '1 year' : '1\u00a0an');
      const now = new Date('2030-01-01T00:00:00Z');
      expect(now.getTime() - retentionCutoffs(now).receiptsReceivedBefore.getTime()).toBe(
        CONSENT_RECEIPT_RETENTION_DAYS * 86_400_000,
      );
    },
  },
  {
    where: 'preferences',
    tracking: [OFF, ON],
    says: { en: /language and theme/, fr: /langue et le thème/ },
    holds: (tracking) =>
      expect(registryFor(tracking).filter((e) => e.category === 'preferences').map((e) => e.name)).toEqual(['NEXT_LOCALE', 'theme']),
  },
  {
    where: 'preferences',
    tracking: [OFF, ON],
    says: { en: /until you close your browser/, fr: /jusqu’à la fermeture du navigateur/ },
    holds: (tracking) => {
      const entries = registryFor(tracking).filter((e) => e.category === 'preferences');
      expect(entries.length).toBeGreaterThan(0);
      for (const entry of entries) expect(entry.duration.kind).toBe('session-or-days');
    },
  },
  {
    where: 'analytics',
    tracking: [OFF],
    says: { en: /without cookies or identifiers/, fr: /sans témoin ni identifiant/ },
    holds: (tracking) => {
      const entries = registryFor(tracking).filter((e) => e.category === 'analytics');
      expect(entries.length).toBeGreaterThan(0);
      for (const entry of entries) expect(entry.duration.kind).toBe('not-set');
      expect(Object.keys(buildPageView('/en/articles/x', 'en', 'https://news.example/a?q=1') ?? {}).sort()).toEqual([
        'locale',
        'path',
        'referrerHost',
      ]);
    },
  },
  {
    where: 'analytics',
    tracking: [OFF],
    says: { en: /name of the site you came from/, fr: /nom du site d’où vous venez/ },
    holds: () => expect(buildPageView('/en', 'en', 'https://news.example/a?q=1')?.referrerHost).toBe('news.example'),
  },
  {
    where: 'analytics',
    tracking: [OFF],
    says: { en: /our own server/, fr: /notre propre serveur/ },
    holds: () => expect(PAGE_VIEW_ENDPOINT.startsWith('/')).toBe(true),
  },
  {
    where: 'analytics',
    tracking: [ON],
    says: { en: /cookies \(_ga\)/, fr: /témoins \(_ga\)/ },
    holds: (tracking) => {
      expect(registryFor(tracking).find((e) => e.name === '_ga')?.category).toBe('analytics');
      expect(googleConsentFor({ analytics: false, marketing: true }).analytics_storage).toBe('denied');
      expect(googleConsentFor({ analytics: true, marketing: false }).analytics_storage).toBe('granted');
    },
  },
  {
    where: 'marketing',
    tracking: [OFF, ON],
    says: { en: /other providers \(YouTube and OpenStreetMap\)/, fr: /d’autres fournisseurs \(YouTube et OpenStreetMap\)/ },
    holds: (tracking) => {
      expect(embedProviders.map((p) => p.name)).toEqual(['YouTube', 'OpenStreetMap']);
      expect(registryProviders(registryFor(tracking)).sort()).toEqual(embedProviders.map((p) => p.name).sort());
      const thirdParty = registryFor(tracking).filter((e) => e.party.kind === 'third');
      expect(thirdParty.length).toBeGreaterThan(0);
      for (const entry of thirdParty) expect(entry.category).toBe('marketing');
    },
  },
  {
    where: 'marketing',
    tracking: [ON],
    says: { en: /_gcl cookies/, fr: /témoins _gcl/ },
    holds: (tracking) => {
      expect(registryFor(tracking).find((e) => e.name === '_gcl_*')?.category).toBe('marketing');
      expect(googleConsentFor({ analytics: true, marketing: false }).ad_storage).toBe('denied');
      expect(googleConsentFor({ analytics: false, marketing: true }).ad_storage).toBe('granted');
    },
  },
  {
    where: 'policy',
    tracking: [OFF, ON],
    says: { en: /only strictly necessary cookies are used/, fr: /seuls les témoins strictement nécessaires sont utilisés/ },
    holds: (tracking) =>
      // Readers' cookies: the CMS's session cookie reaches signed-in editors only.
      expect(registryFor(tracking).filter((e) => e.category === 'necessary' && e.audience !== 'editors').map((e) => e.name)).toEqual(['consent']),
  },
  {
    where: 'policy',
    tracking: [OFF, ON],
    says: { en: /182 days/, fr: /182\u00a0jours/ },
    holds: (tracking) =>
      expect(registryFor(tracking).find((e) => e.name === 'consent')?.duration).toEqual({ kind: 'days', days: CONSENT_MAX_AGE_DAYS }),
  },
  {
    where: 'policy',
    tracking: [OFF, ON],
    says: { en: /Receipts are kept for 1 year/, fr: /Les reçus sont conservés 1\u00a0an/ },
    holds: () => expect(CONSENT_RECEIPT_RETENTION_DAYS).toBe(365),
  },
];

describe.each(bothLocales)('every consent claim holds in the code (%s)', (locale) => {
  it('has claims to check for every category, the banner and the policy', () => {
    const places = new Set(claims.map((c) => c.where));
    expect([...places].sort()).toEqual(['analytics', 'banner', 'marketing', 'necessary', 'policy', 'preferences'].sort());
  });

  it.each(claims.map((claim, i) => [`${i}: ${claim.where} ${claim.says[locale]}`, claim] as const))('%s', (_, claim) => {
    expect(claim.tracking.length).toBeGreaterThan(0);
    for (const tracking of claim.tracking) {
      const text = claim.where === 'policy' ? renderPolicyText(locale, tracking) : renderConsentTexts(locale, tracking)[claim.where];
      expect(text).toMatch(claim.says[locale]);
      claim.holds(tracking, locale);
    }
  });
});
