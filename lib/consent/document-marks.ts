import type { ConsentRecord, ConsentRules, parseConsentValue } from './consent-value';

/**
 * Reads the consent cookie and marks <html> so that CSS can hide the banner
 * before first paint: data-consent="1" when the reader has a valid choice,
 * data-consent-<category>="granted|denied", and data-consent-gpc="1" when
 * the browser sends Global Privacy Control (the banner then says it is
 * honoured). Returns the valid choice or null.
 *
 * Serialised with Function.prototype.toString() into the inline <head>
 * script (lib/consent/inline-script.ts), and called as is by the client
 * store after every change, so the first paint and later updates take the
 * same path. Self-contained for that reason: no imports or module constants;
 * the validator and the rules are parameters. Never throws.
 */
export function applyConsentMarks(
  doc: Document,
  nav: Navigator,
  parse: typeof parseConsentValue,
  rules: ConsentRules,
  cookieName: string,
): ConsentRecord | null {
  try {
    let raw: string | null = null;
    const parts = doc.cookie ? doc.cookie.split(/;\s*/) : [];
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i] as string;
      if (part.indexOf(cookieName + '=') === 0) {
        raw = part.slice(cookieName.length + 1);
        break;
      }
    }
    const record = parse(raw, rules, Math.floor(Date.now() / 1000));
    const root = doc.documentElement;
    if (record) root.setAttribute('data-consent', '1');
    else root.removeAttribute('data-consent');
    for (let i = 0; i < rules.categories.length; i++) {
      const key = rules.categories[i] as keyof ConsentRecord['c'];
      if (record) root.setAttribute('data-consent-' + key, record.c[key] ? 'granted' : 'denied');
      else root.removeAttribute('data-consent-' + key);
    }
    if ((nav as Navigator & { globalPrivacyControl?: unknown }).globalPrivacyControl === true) {
      root.setAttribute('data-consent-gpc', '1');
    }
    return record;
  } catch {
    return null;
  }
}

/** The reader the inline script leaves on window for the client store. */
export type ConsentReaderWindow = Window & { __readConsent?: () => ConsentRecord | null };

/**
 * The inline script's entry point: marks <html> now, and leaves the same
 * reader on `window.__readConsent` so that the client store re-reads the
 * cookie with exactly the code that ran before first paint, without shipping
 * the validator a second time in the consent bundle (budget: 5 KB gzip).
 * Self-contained like the functions it receives.
 */
export function installConsentReader(
  win: ConsentReaderWindow,
  mark: typeof applyConsentMarks,
  parse: typeof parseConsentValue,
  rules: ConsentRules,
  cookieName: string,
): void {
  const read = () => mark(win.document, win.navigator, parse, rules, cookieName);
  win.__readConsent = read;
  read();
}
