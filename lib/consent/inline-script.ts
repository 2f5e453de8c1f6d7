import { CONSENT_COOKIE, CONSENT_RULES, parseConsentValue } from './consent-cookie';
import { applyConsentMarks } from './document-marks';

/**
 * The synchronous script at the top of <head> on every page. Pages are
 * prerendered once for everyone, so the server cannot leave the banner out
 * for a reader who already chose; this script marks <html> before the body is
 * parsed and consent.css hides the banner under that mark, so it never
 * paints, not even for one frame.
 *
 * It is not a copy: it is the codec's own parseConsentValue and the store's
 * applyConsentMarks, turned back into source with Function.prototype.toString()
 * (both are self-contained for that reason), with the rules inlined as JSON.
 * Server, client and this script therefore run the same validation. About
 * 2 KB (under 1 KB gzip), identical on every page, so a CSP hash would work
 * if the site ever drops 'unsafe-inline'.
 */
export const CONSENT_INLINE_SCRIPT = `(${applyConsentMarks.toString()})(document,navigator,${parseConsentValue.toString()},${JSON.stringify(
  CONSENT_RULES,
)},${JSON.stringify(CONSENT_COOKIE)});`;
