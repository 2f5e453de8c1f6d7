import type { Locale } from '@/i18n/routing';
import { writeCookie } from './browser-cookie';

export const LOCALE_COOKIE = 'NEXT_LOCALE';

/**
 * Session cookie by default: a longer life needs the `preferences` consent
 * category, and the caller passes `persistDays` only when it is granted.
 */
export function rememberLocale(locale: Locale, persistDays?: number): void {
  writeCookie(LOCALE_COOKIE, locale, persistDays);
}
