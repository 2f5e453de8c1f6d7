import type { ReactElement } from 'react';
import { render, type RenderOptions } from '@testing-library/react';
import { createTranslator, NextIntlClientProvider } from 'next-intl';
import en from '@/messages/en.json';
import fr from '@/messages/fr.json';
import type { Locale } from '@/i18n/routing';
import { NEWSROOM_TIME_ZONE } from '@/lib/site-config';

export const messagesByLocale = { en, fr } as const;
export const bothLocales: Locale[] = ['en', 'fr'];

/** Renders a component as it appears on an `en` or `fr` page. */
export function renderWithLocale(ui: ReactElement, locale: Locale, options?: RenderOptions) {
  return render(
    <NextIntlClientProvider locale={locale} messages={messagesByLocale[locale]} timeZone={NEWSROOM_TIME_ZONE}>
      {ui}
    </NextIntlClientProvider>,
    options,
  );
}

/** The messages of one language, formatted as a page would (for expected texts with arguments). */
export function translatorFor(locale: Locale) {
  return createTranslator({ locale, messages: messagesByLocale[locale], timeZone: NEWSROOM_TIME_ZONE });
}
