import { EARLY_INTERACTIONS_SCRIPT } from '@/lib/early-interactions-listener';
import { clearCookiesAndMarks, runInlineConsentScript, storeConsent } from '../consent/support';
import { aConsentRecord } from '../support/consent-record';

/**
 * The language switch is a plain link; the head script writes the language
 * cookie as it is tapped, before (or without) any island. Run here as pages
 * get it: the consent script, then the early-interactions script.
 */
let written: string[];
let cookieSetter: jest.SpyInstance;

beforeEach(() => {
  clearCookiesAndMarks();
  document.body.innerHTML = `
    <a href="/fr/panier" hreflang="fr-CA" data-locale-switch="fr" id="switch"><span id="short">FR</span> Lire en français</a>
    <a href="/en/cart" id="plain">Cart</a>
    <a href="/x" data-locale-switch="javascript:alert(1)" id="odd">odd</a>
  `;
});
afterEach(() => cookieSetter.mockRestore());

function runHeadScripts(): void {
  runInlineConsentScript();
  new Function(EARLY_INTERACTIONS_SCRIPT)();
  written = [];
  cookieSetter = jest.spyOn(document, 'cookie', 'set').mockImplementation((value: string) => {
    written.push(value);
  });
}

const tap = (id: string) => {
  const event = new MouseEvent('click', { bubbles: true, cancelable: true });
  // jsdom does not navigate; the browser would leave the page right after.
  document.getElementById(id)?.addEventListener('click', (e) => e.preventDefault(), { once: true });
  document.getElementById(id)?.dispatchEvent(event);
  return event;
};

describe('the language cookie, written at the tap', () => {
  it('is a session cookie without the preferences category', () => {
    storeConsent(aConsentRecord({ c: { preferences: false, analytics: true, marketing: true } }));
    runHeadScripts();
    tap('short');
    expect(written).toEqual(['NEXT_LOCALE=fr; path=/; SameSite=lax']);
  });

  it('lives a year once preferences is granted', () => {
    storeConsent(aConsentRecord({ c: { preferences: true, analytics: false, marketing: false } }));
    runHeadScripts();
    tap('switch');
    expect(written).toEqual([`NEXT_LOCALE=fr; path=/; SameSite=lax; max-age=${365 * 86400}`]);
  });

  it('is a session cookie for a reader who has not chosen', () => {
    runHeadScripts();
    tap('switch');
    expect(written).toEqual(['NEXT_LOCALE=fr; path=/; SameSite=lax']);
  });

  it('is not touched by other links, nor by a value that is not a language', () => {
    runHeadScripts();
    tap('plain');
    tap('odd');
    expect(written).toEqual([]);
  });
});
