/**
 * Marks the elements that open the preferences dialog once the consent island
 * runs: the footer's "Cookie settings" and the policy page's button (links to
 * the cookie policy page in the server HTML, upgraded to buttons), or any
 * <button>. A value names the category whose switch gets the focus, e.g.
 * <button data-consent-open="marketing"> for an embed's "Always allow".
 */
export const SETTINGS_OPENER_ATTRIBUTE = 'data-consent-open';
