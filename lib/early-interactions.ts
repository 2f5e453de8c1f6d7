/**
 * Taps made before hydration. Server-rendered controls whose behaviour lives
 * in an island (the banner's buttons, an embed's "Load this once", anything
 * with data-consent-open, the footer's theme <select>) do nothing until that
 * island's code has arrived and run; on a slow phone that is seconds, and a
 * tap in that gap used to be lost (or, on "Cookie settings", to leave the
 * page for the policy instead of opening the dialog). The inline <head>
 * script records such taps with one delegated listener; each island claims
 * its own when it is ready and replays them (the pattern of
 * guardian/dotcom-rendering's islands with deferUntil="interaction").
 *
 * The same listener moves focus into a header disclosure's field when it
 * opens (`<details data-focus-on-open>`), so that search needs no island.
 *
 * This module is the islands' side, and imports nothing, so that it adds
 * only itself to their chunks; the listener is in
 * lib/early-interactions-listener.ts, for the server.
 */

/** What the inline script records: the element (React hydrates in place, so it stays the same node) and, for a change, the value chosen. */
export type EarlyInteraction = { type: 'click' | 'change'; target: Element; value?: string };

export type EarlyQueue = {
  /** Recorded, not yet claimed. */
  q: EarlyInteraction[];
  /** Selectors whose island is live: their events are no longer recorded. */
  live: string[];
};

export type EarlyInteractionWindow = Window & typeof globalThis & { __early?: EarlyQueue };

/** On the banner's buttons: the choice a tap before hydration stands for. */
export const BANNER_CHOICE_ATTRIBUTE = 'data-consent-choice';
export type BannerChoice = 'accept_all' | 'reject_all' | 'customize';

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
