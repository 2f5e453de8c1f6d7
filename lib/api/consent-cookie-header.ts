import {
  CONSENT_COOKIE,
  consentCookieAttributes,
  encodeConsent,
  type ConsentRecord,
} from '@/lib/consent/consent-cookie';

/**
 * True when the reader reached us over https, directly or through a proxy
 * that terminates TLS and says so in X-Forwarded-Proto.
 */
export function arrivedOverHttps(request: Request): boolean {
  const forwarded = request.headers.get('x-forwarded-proto')?.split(',', 1)[0]?.trim().toLowerCase();
  return forwarded === 'https' || new URL(request.url).protocol === 'https:';
}

/**
 * The `consent` cookie exactly as the client writes it (same value, same
 * attributes), sent by the server so that browsers capping script-written
 * cookies to 7 days (Safari ITP) keep the reader's choice for the full
 * period. Not HttpOnly: the inline script reads it before first paint.
 */
export function consentSetCookieHeader(record: ConsentRecord, secure: boolean): string {
  const attributes = consentCookieAttributes(secure);
  const sameSite = attributes.sameSite === 'lax' ? 'Lax' : attributes.sameSite;
  const parts = [
    `${CONSENT_COOKIE}=${encodeConsent(record)}`,
    `Path=${attributes.path}`,
    `Max-Age=${attributes.maxAgeSeconds}`,
    `SameSite=${sameSite}`,
  ];
  if (attributes.secure) parts.push('Secure');
  return parts.join('; ');
}
