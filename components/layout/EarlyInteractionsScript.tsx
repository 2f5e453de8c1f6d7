import { EARLY_INTERACTIONS_SCRIPT } from '@/lib/early-interactions-listener';

/**
 * In <head>, so that its listener is there before any control is parsed:
 * taps made before hydration are kept for the islands (lib/early-interactions.ts).
 * Its own script rather than part of the consent one: it serves embeds and
 * the theme as well, and consent code has a budget of its own.
 */
export function EarlyInteractionsScript() {
  return <script id="early-interactions" dangerouslySetInnerHTML={{ __html: EARLY_INTERACTIONS_SCRIPT }} />;
}
