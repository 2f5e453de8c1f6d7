/**
 * Marks the elements that open the preferences dialog once the consent island
 * runs: the footer's "Cookie settings" and the policy page's button (links to
 * the cookie policy page in the server HTML, upgraded to buttons), or any
 * <button>. A value names the category whose switch gets the focus, e.g.
 * <button data-consent-open="marketing"> for an embed's "Always allow".
 */
export const SETTINGS_OPENER_ATTRIBUTE = 'data-consent-open';

/**
 * A settings link the consent island has upgraded to a button: the sign that
 * a page has hydrated (reader pages hydrate after their first paint, decision
 * record 0011), which the browser tests and the bench wait for.
 */
export const UPGRADED_SETTINGS_OPENER = `a[${SETTINGS_OPENER_ATTRIBUTE}][role="button"]`;
