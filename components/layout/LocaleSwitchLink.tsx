'use client';

import type { AnchorHTMLAttributes } from 'react';
import { useConsent } from '@/components/consent/useConsent';
import { PREFERENCE_COOKIE_DAYS } from '@/lib/consent/categories';
import { rememberLocale } from '@/lib/locale-cookie';
import type { Locale } from '@/i18n/routing';

type Props = AnchorHTMLAttributes<HTMLAnchorElement> & { href: string; locale: Locale };

/**
 * A plain link (it works without JavaScript) that also records the reader's
 * choice in NEXT_LOCALE, so that `/` sends them to this language next time:
 * for the session, or for a year when they granted `preferences`.
 */
export function LocaleSwitchLink({ locale, children, ...anchor }: Props) {
  const { granted } = useConsent();
  return (
    <a {...anchor} onClick={() => rememberLocale(locale, granted.preferences ? PREFERENCE_COOKIE_DAYS : undefined)}>
      {children}
    </a>
  );
}
