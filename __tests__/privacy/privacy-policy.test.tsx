import { screen, within } from '@testing-library/react';
import { SiteFooter } from '@/components/layout/SiteFooter';
import { PrivacyPolicy } from '@/components/privacy/PrivacyPolicy';
import type { Locale } from '@/i18n/routing';
import { dataInventory, inventoryFields } from '@/lib/privacy/data-inventory';
import { privacyOfficerFromEnv, type PrivacyOfficer } from '@/lib/privacy/privacy-officer';
import { CONSENT_RECEIPT_RETENTION_DAYS, PAGE_VIEW_RETENTION_DAYS } from '@/lib/store/retention-policy';
import { bothLocales, messagesByLocale, renderWithLocale } from '../support/render-with-locale';

const named: PrivacyOfficer = privacyOfficerFromEnv({
  PRIVACY_OFFICER_NAME: 'Claire Tremblay',
  PRIVACY_OFFICER_EMAIL: 'vie-privee@example.ca',
} as unknown as NodeJS.ProcessEnv);
const unset: PrivacyOfficer = privacyOfficerFromEnv({} as NodeJS.ProcessEnv);

const expected = {
  en: {
    path: '/en/privacy',
    cookies: '/en/cookies',
    date: 'December 5, 2026',
    retention: { receipts: '1 year, then deleted automatically', views: '2 years, then deleted automatically' },
    footer: 'Privacy policy',
  },
  fr: {
    path: '/fr/confidentialite',
    cookies: '/fr/temoins',
    date: '5 décembre 2026',
    retention: { receipts: '1\u00a0an, puis suppression automatique', views: '2\u00a0ans, puis suppression automatique' },
    footer: 'Politique de confidentialité',
  },
} as const;

describe.each(bothLocales)('privacy page (%s)', (locale: Locale) => {
  const t = messagesByLocale[locale].Privacy;
  const e = expected[locale];

  it('lists each kind of record from the inventory, with its fields and retention', () => {
    renderWithLocale(<PrivacyPolicy officer={named} tracking={{ googleTag: false }} />, locale);
    expect(dataInventory.length).toBeGreaterThan(0);
    for (const record of dataInventory) {
      const section = screen.getByRole('region', { name: t.records[record.key].name });
      const fields = inventoryFields(record);
      expect(fields.length).toBeGreaterThan(0);
      const items = within(section).getAllByRole('listitem').map((li) => li.textContent);
      expect(items).toEqual(fields.map((field) => t.fields[field]));
      expect(section.textContent).toContain(t.records[record.key].purpose);
    }
    expect(screen.getByRole('region', { name: t.records.consentReceipts.name }).textContent).toContain(e.retention.receipts);
    expect(screen.getByRole('region', { name: t.records.pageViews.name }).textContent).toContain(e.retention.views);
    expect(screen.getByRole('region', { name: t.records.editorAccounts.name }).textContent).toContain(t.retention.whileActive);
    expect([CONSENT_RECEIPT_RETENTION_DAYS, PAGE_VIEW_RETENTION_DAYS]).toEqual([365, 730]);
  });

  it('dates the last change, links the cookie policy and names the embed providers', () => {
    renderWithLocale(<PrivacyPolicy officer={named} tracking={{ googleTag: false }} />, locale);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toContain(t.title);
    expect(screen.getByText(new RegExp(e.date))).toBeInTheDocument();
    const policyLinks = screen.getAllByRole('link').filter((a) => a.getAttribute('href') === e.cookies);
    expect(policyLinks.length).toBeGreaterThanOrEqual(2);
    expect(document.body).toHaveTextContent(/YouTube (and|et) OpenStreetMap/);
    expect(document.body).not.toHaveTextContent(/Google/);
  });

  it('says that Google receives data only when the Google tag is on', () => {
    renderWithLocale(<PrivacyPolicy officer={named} tracking={{ googleTag: true }} />, locale);
    expect(document.body).toHaveTextContent(/Google Analytics/);
  });

  it('gives the person in charge and a mailto link when configured', () => {
    renderWithLocale(<PrivacyPolicy officer={named} />, locale);
    expect(document.body).toHaveTextContent('Claire Tremblay');
    expect(screen.getByRole('link', { name: 'vie-privee@example.ca' })).toHaveAttribute('href', 'mailto:vie-privee@example.ca');
    expect(document.body.textContent).not.toContain(t.officerNameMissing);
  });

  it('says plainly when the person in charge is not configured', () => {
    renderWithLocale(<PrivacyPolicy officer={unset} />, locale);
    expect(document.body.textContent).toContain(t.officerNameMissing);
    expect(document.body.textContent).toContain(t.officerEmailMissing);
    expect(screen.queryAllByRole('link').filter((a) => a.getAttribute('href')?.startsWith('mailto:'))).toEqual([]);
  });

  it('is linked from the footer of every page', () => {
    renderWithLocale(<SiteFooter />, locale);
    expect(screen.getByRole('link', { name: e.footer })).toHaveAttribute('href', e.path);
  });
});

describe('privacy officer configuration', () => {
  it('refuses an address that is not an email, and says what is missing', () => {
    const officer = privacyOfficerFromEnv({ PRIVACY_OFFICER_NAME: '  ', PRIVACY_OFFICER_EMAIL: 'not an address' } as unknown as NodeJS.ProcessEnv);
    expect(officer).toEqual({
      name: null,
      email: null,
      problems: ['PRIVACY_OFFICER_NAME is not set', 'PRIVACY_OFFICER_EMAIL "not an address" is not an email address'],
    });
    expect(named.problems).toEqual([]);
  });

  it('warns during the build only, once, when something is missing', () => {
    jest.isolateModules(() => {
      const officerModule = jest.requireActual<typeof import('@/lib/privacy/privacy-officer')>('@/lib/privacy/privacy-officer');
      const warn = jest.fn();
      officerModule.warnIfPrivacyOfficerMissing(unset, 'phase-production-server', warn);
      officerModule.warnIfPrivacyOfficerMissing(named, 'phase-production-build', warn);
      expect(warn).not.toHaveBeenCalled();
      officerModule.warnIfPrivacyOfficerMissing(unset, 'phase-production-build', warn);
      officerModule.warnIfPrivacyOfficerMissing(unset, 'phase-production-build', warn);
      expect(warn).toHaveBeenCalledTimes(1);
      expect(warn.mock.calls[0]?.[0]).toMatch(/PRIVACY_OFFICER_NAME is not set; PRIVACY_OFFICER_EMAIL is not set/);
    });
  });
});
