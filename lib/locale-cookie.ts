import Cookies from 'js-cookie';
import type { Locale } from '@/i18n/routing';

export const LOCALE_COOKIE = 'NEXT_LOCALE';

/**
 * Session cookie by default: a longer life needs the `preferences` consent
 * category, and the caller passes `persistDays` only when it is granted.
 */
export function rememberLocale(locale: Locale, persistDays?: number): void {
  Cookies.set(LOCALE_COOKIE, locale, {
    path: '/',
    sameSite: 'lax',
    secure: typeof location !== 'undefined' && location.protocol === 'https:',
    ...(persistDays ? { expires: persistDays } : {}),
  });
}
