import { THEME_SELECT_ID } from '@/components/theme/theme-preference';
import { SETTINGS_OPENER_ATTRIBUTE } from '@/lib/consent/settings-opener';
import { EMBED_ATTRIBUTES } from '@/lib/embeds/embed-markup';

/**
 * Taps made before hydration. Server-rendered controls whose behaviour lives
 * in an island (an embed's "Load this once", anything with
 * data-consent-open, the footer's theme <select>) do nothing until that
 * island's code has arrived and run; on a slow phone that is seconds, and a
 * tap in that gap used to be lost (or, on "Cookie settings", to leave the
 * page for the policy instead of opening the dialog). The inline <head>
 * script records such taps with one delegated listener; each island claims
 * its own when it is ready and replays them (the pattern of
 * guardian/dotcom-rendering's islands with deferUntil="interaction").
 *
 * The same listener moves focus into a header disclosure's field when it
 * opens (`<details data-focus-on-open>`), so that search needs no island.
 */

/** What the inline script records: the element (React hydrates in place, so it stays the same node) and, for a change, the value chosen. */
export type EarlyInteraction = { type: 'click' | 'change'; target: Element; value?: string };

type EarlyQueue = {
  /** Recorded, not yet claimed. */
  q: EarlyInteraction[];
  /** Selectors whose island is live: their events are no longer recorded. */
  live: string[];
};

export type EarlyInteractionWindow = Window & typeof globalThis & { __early?: EarlyQueue };

/** The controls that wait for an island, as one selector for the listener. */
export const EARLY_SELECTORS = {
  embedLoad: `[${EMBED_ATTRIBUTES.load}]`,
  settingsOpener: `[${SETTINGS_OPENER_ATTRIBUTE}]`,
  themeSelect: `#${THEME_SELECT_ID}`,
} as const;

/**
 * Installs the listener; serialised with Function.prototype.toString() into
 * the inline <head> script (lib/consent/inline-script.ts), so it must be
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

/**
 * For an island that is now live: stops the recording for `selector` and
 * returns what was recorded for it, oldest first, each event once.
 */
export function claimEarlyInteractions(selector: string, win: EarlyInteractionWindow = window): EarlyInteraction[] {
  const queue = win.__early;
  if (!queue) return [];
  if (!queue.live.includes(selector)) queue.live.push(selector);
  const mine = queue.q.filter((event) => event.target.matches(selector));
  queue.q = queue.q.filter((event) => !mine.includes(event));
  return mine.filter((event) => event.target.isConnected);
}
