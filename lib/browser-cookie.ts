import Cookies from 'js-cookie';

/**
 * The one place the browser's islands write, read and delete the site's
 * cookies (consent, theme, and withdrawal's clean-up, which also shortens the
 * language cookie). Every cookie of the site is host-only (no Domain) with
 * these attributes; the receipt endpoint's Set-Cookie
 * (lib/api/consent-cookie-header.ts) and the language switch, which writes
 * its cookie from the head script as the reader taps it (lib/locale-cookie.ts),
 * use them too.
 */
export const COOKIE_ATTRIBUTES = { path: '/', sameSite: 'lax' } as const;

/** Secure only on https: a Secure cookie written on an http page is dropped by the browser. */
export function pageIsSecure(): boolean {
  return typeof location !== 'undefined' && location.protocol === 'https:';
}

/** A session cookie unless `days` is given (then it expires `days` from now). */
export function writeCookie(name: string, value: string, days?: number): void {
  Cookies.set(name, value, { ...COOKIE_ATTRIBUTES, secure: pageIsSecure(), ...(days ? { expires: days } : {}) });
}

/** Deletes the host's cookie and, for each of `domains`, one a parent domain set. */
export function deleteCookie(name: string, domains: readonly string[] = []): void {
  Cookies.remove(name, { path: COOKIE_ATTRIBUTES.path });
  for (const domain of domains) Cookies.remove(name, { path: COOKIE_ATTRIBUTES.path, domain });
}

/** Every cookie the page can read, by name (values decoded). */
export function readCookies(): Record<string, string> {
  return Cookies.get();
}
