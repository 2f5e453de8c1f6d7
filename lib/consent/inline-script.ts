import { CONSENT_COOKIE, CONSENT_RULES, parseConsentValue } from './consent-cookie';
import { applyConsentMarks, installConsentReader } from './document-marks';

/**
 * The synchronous script at the top of <head> on every page. Pages are
 * prerendered once for everyone, so the server cannot leave the banner out
 * for a reader who already chose; this script marks <html> before the body is
 * parsed and consent.css hides the banner under that mark, so it never
 * paints, not even for one frame.
 *
 * It is not a copy: it is the codec's own parseConsentValue and
 * applyConsentMarks, turned back into source with Function.prototype.toString()
 * (they are self-contained for that reason), with the rules inlined as JSON.
 * The server runs the same parseConsentValue through decodeConsent, and the
 * client store calls the reader this script leaves on window.__readConsent,
 * so there is one validation everywhere. About 2 KB (under 1 KB gzip), the
 * same on every page, so a CSP hash would work if the site ever drops
 * 'unsafe-inline'.
 */
export const CONSENT_INLINE_SCRIPT = `(${installConsentReader.toString()})(window,${applyConsentMarks.toString()},${parseConsentValue.toString()},${JSON.stringify(
  CONSENT_RULES,
)},${JSON.stringify(CONSENT_COOKIE)});`;
