import type { Locale } from '@/i18n/routing';

export const LOCALE_COOKIE = 'NEXT_LOCALE';

/** On the language switch's link: the locale it leads to. */
export const LOCALE_SWITCH_ATTRIBUTE = 'data-locale-switch';

export type LocaleMemory = {
  attribute: string;
  cookieName: string;
  /** How long the choice lives once `preferences` is granted. */
  persistDays: number;
  path: string;
  sameSite: string;
};

/**
 * Remembers the language a reader switches to, so that `/` sends them to it
 * next time: a session cookie, or one that lives `persistDays` when <html>
 * carries the `preferences` grant (lib/consent/document-marks.ts keeps that
 * mark current, before the first paint and after every change).
 *
 * The switch is a plain link, and the reader leaves the page as they tap it,
 * often before any island has run (reader pages hydrate after their first
 * paint, decision record 0011): so the cookie is written by the inline
 * <head> script at the tap itself. Serialised with
 * Function.prototype.toString() into that script (EarlyInteractionsScript),
 * so it must be self-contained (no imports, the settings are a parameter),
 * and nothing in it may throw.
 */
export function installLocaleMemory(win: Window & typeof globalThis & { __localeMemory?: boolean }, memory: LocaleMemory): void {
  try {
    // Once per document, however many times the script runs.
    if (win.__localeMemory) return;
    win.__localeMemory = true;
    win.document.addEventListener(
      'click',
      (event) => {
        try {
          const origin = event.target;
          const link = origin instanceof win.Element ? origin.closest('[' + memory.attribute + ']') : null;
          const locale = link ? link.getAttribute(memory.attribute) : null;
          if (!locale || !/^[a-z]{2}$/.test(locale)) return;
          const granted = win.document.documentElement.getAttribute('data-consent-preferences') === 'granted';
          win.document.cookie =
            memory.cookieName +
            '=' +
            locale +
            '; path=' +
            memory.path +
            '; SameSite=' +
            memory.sameSite +
            (granted ? '; max-age=' + memory.persistDays * 86400 : '') +
            (win.location.protocol === 'https:' ? '; Secure' : '');
        } catch {
          // The link still leads to the other language.
        }
      },
      true,
    );
  } catch {
    // Without the listener the switch still works; `/` then follows Accept-Language.
  }
}

/** The attribute's value for a link to `locale`. */
export const localeSwitchAttribute = (locale: Locale) => ({ [LOCALE_SWITCH_ATTRIBUTE]: locale });
