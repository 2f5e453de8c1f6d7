import { COOKIE_ATTRIBUTES } from '@/lib/browser-cookie';
import { PREFERENCE_COOKIE_DAYS } from '@/lib/consent/categories';
import { SETTINGS_OPENER_ATTRIBUTE } from '@/lib/consent/settings-opener';
import { LOCALE_COOKIE, LOCALE_SWITCH_ATTRIBUTE, installLocaleMemory, type LocaleMemory } from '@/lib/locale-cookie';
import { EMBED_ATTRIBUTES } from '@/lib/embeds/embed-markup';
import { THEME_SELECT_ID } from '@/lib/theme/theme-preference';
import { BANNER_CHOICE_ATTRIBUTE, type EarlyInteractionWindow, type EarlyQueue } from './early-interactions';

/**
 * The controls that wait for an island (lib/early-interactions.ts), as one
 * selector: the banner's buttons, "Load this once", anything that opens the
 * consent settings ("Cookie settings", an embed's "Always allow"), the
 * footer's theme <select>.
 */
export const EARLY_SELECTOR = [
  `[${BANNER_CHOICE_ATTRIBUTE}]`,
  `[${EMBED_ATTRIBUTES.load}]`,
  `[${SETTINGS_OPENER_ATTRIBUTE}]`,
  `#${THEME_SELECT_ID}`,
].join(',');

/**
 * Installs the listener; serialised with Function.prototype.toString() into
 * its own inline <head> script (EarlyInteractionsScript), so it must be
 * self-contained (no imports, no module constants; the selector is a
 * parameter), and nothing in it may throw.
 */
export function installEarlyInteractions(win: EarlyInteractionWindow, selector: string): void {
  try {
    const queue: EarlyQueue = { q: [], live: [] };
    win.__early = queue;
    const doc = win.document;
    const record = (event: Event) => {
      const origin = event.target;
      const target = origin instanceof win.Element ? origin.closest(selector) : null;
      if (!target) return;
      for (let i = 0; i < queue.live.length; i++) if (target.matches(queue.live[i] as string)) return;
      if (event.type === 'click') {
        // A <select> records its change, not the click that opened it.
        if (target.tagName === 'SELECT') return;
        // "Cookie settings" is a link to the policy page until its island
        // runs: the reader asked for the dialog, which the replay opens.
        event.preventDefault();
        queue.q.push({ type: 'click', target });
      } else {
        queue.q.push({ type: 'change', target, value: (target as HTMLSelectElement).value });
      }
    };
    doc.addEventListener('click', record, true);
    doc.addEventListener('change', record, true);
    // `toggle` does not bubble, but a capturing listener on the document sees it.
    doc.addEventListener(
      'toggle',
      (event) => {
        const details = event.target;
        if (!(details instanceof win.HTMLDetailsElement) || !details.open || !details.hasAttribute('data-focus-on-open')) return;
        const field = details.querySelector<HTMLElement>('input, select, textarea');
        if (field) field.focus();
      },
      true,
    );
  } catch {
    // Without the queue the controls still work once their islands run.
  }
}


const LOCALE_MEMORY: LocaleMemory = {
  attribute: LOCALE_SWITCH_ATTRIBUTE,
  cookieName: LOCALE_COOKIE,
  persistDays: PREFERENCE_COOKIE_DAYS,
  path: COOKIE_ATTRIBUTES.path,
  sameSite: COOKIE_ATTRIBUTES.sameSite,
};

/**
 * The inline <head> script, installed before the body is parsed: the
 * listener that keeps taps for the islands, and the language switch's
 * memory (lib/locale-cookie.ts), which needs no island at all.
 */
export const EARLY_INTERACTIONS_SCRIPT =
  `(${installEarlyInteractions.toString()})(window,${JSON.stringify(EARLY_SELECTOR)});` +
  `(${installLocaleMemory.toString()})(window,${JSON.stringify(LOCALE_MEMORY)});`;
