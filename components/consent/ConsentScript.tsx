import { CONSENT_INLINE_SCRIPT } from '@/lib/consent/inline-script';

/**
 * Must be the first thing in <head>: it runs before the body is parsed, so a
 * reader who already chose never sees the banner, not for a single frame.
 */
export function ConsentScript() {
  return <script id="consent-marks" dangerouslySetInnerHTML={{ __html: CONSENT_INLINE_SCRIPT }} />;
}
