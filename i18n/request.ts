import { getRequestConfig } from 'next-intl/server';
import { locale as rootLocale } from 'next/root-params';
import { NEWSROOM_TIME_ZONE } from '@/lib/site-config';
import { isLocale, routing } from './routing';

export default getRequestConfig(async ({ locale: explicit }) => {
  // next/root-params reads the [locale] segment without making the page
  // dynamic, so pages stay statically rendered without setRequestLocale.
  const candidate = explicit ?? (await rootLocale().catch(() => undefined));
  const locale = isLocale(candidate) ? candidate : routing.defaultLocale;
  return {
    locale,
    timeZone: NEWSROOM_TIME_ZONE,
    messages: (await import(`../messages/${locale}.json`)).default,
  };
});
