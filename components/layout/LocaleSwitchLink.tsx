'use client';

import type { AnchorHTMLAttributes } from 'react';
import { rememberLocale } from '@/lib/locale-cookie';
import type { Locale } from '@/i18n/routing';

type Props = AnchorHTMLAttributes<HTMLAnchorElement> & { href: string; locale: Locale };

/**
 * A plain link (it works without JavaScript) that also records the reader's
 * choice in NEXT_LOCALE, so that `/` sends them to this language next time.
 */
export function LocaleSwitchLink({ locale, children, ...anchor }: Props) {
  return (
    <a {...anchor} onClick={() => rememberLocale(locale)}>
      {children}
    </a>
  );
}
