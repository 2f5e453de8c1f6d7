import { CONSENT_INLINE_SCRIPT } from '@/lib/consent/inline-script';
import type { ConsentReaderWindow } from '@/lib/consent/document-marks';
import { clearCookiesAndMarks, runInlineConsentScript, setGpc, storeConsent } from './support';
import { aConsentRecord } from '../support/consent-record';

const html = document.documentElement;

beforeEach(() => {
  clearCookiesAndMarks();
  setGpc(undefined);
});

describe('inline consent script', () => {
  it('is self-contained: on its own, in strict mode with no module in scope, it marks <html> and leaves its reader', () => {
    // The script swallows its own errors (a broken script must not break the page),
    // so "it ran" is only proven by what it did.
    const record = aConsentRecord({ c: { preferences: false, analytics: true, marketing: false } });
    storeConsent(record);
    delete (window as ConsentReaderWindow).__readConsent;
    expect(html).not.toHaveAttribute('data-consent');
    new Function(`"use strict";${CONSENT_INLINE_SCRIPT}`)();
    expect(html).toHaveAttribute('data-consent', '1');
    expect(html).toHaveAttribute('data-consent-analytics', 'granted');
    expect(html).toHaveAttribute('data-consent-marketing', 'denied');
    expect((window as ConsentReaderWindow).__readConsent?.()).toEqual(record);
    expect(CONSENT_INLINE_SCRIPT).not.toMatch(/require\(|import\(|__webpack|_interop/);
  });

  it('marks <html> for a valid choice, with each category', () => {
    storeConsent(aConsentRecord({ c: { preferences: true, analytics: false, marketing: true } }));
    runInlineConsentScript();
    expect(html).toHaveAttribute('data-consent', '1');
    expect(html).toHaveAttribute('data-consent-preferences', 'granted');
    expect(html).toHaveAttribute('data-consent-analytics', 'denied');
    expect(html).toHaveAttribute('data-consent-marketing', 'granted');
  });

  it.each([
    ['garbage', 'consent=%%%garbage'],
    ['an old policy revision', () => storeConsent(aConsentRecord({ rev: 0 }))],
    ['an expired choice', () => storeConsent(aConsentRecord({ ts: 1_600_000_000, upd: 1_600_000_000 }))],
  ])('leaves <html> unmarked for %s, so the banner shows', (_label, setup) => {
    if (typeof setup === 'string') document.cookie = `${setup}; path=/`;
    else setup();
    runInlineConsentScript();
    expect(html).not.toHaveAttribute('data-consent');
  });

  it('marks Global Privacy Control', () => {
    setGpc(true);
    runInlineConsentScript();
    expect(html).toHaveAttribute('data-consent-gpc', '1');
  });

  it('leaves its reader for the client store, which follows later changes', () => {
    runInlineConsentScript();
    const read = (window as ConsentReaderWindow).__readConsent;
    expect(read?.()).toBeNull();
    const record = aConsentRecord();
    storeConsent(record);
    expect(read?.()).toEqual(record);
    expect(html).toHaveAttribute('data-consent', '1');
  });
});
