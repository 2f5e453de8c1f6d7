import { getRequestConfig } from 'next-intl/server';
import { locale as rootLocale } from 'next/root-params';
import { isLocale, routing } from './routing';

export default getRequestConfig(async ({ locale: explicit }) => {
  // next/root-params reads the [locale] segment without making the page
  // dynamic, so pages stay statically rendered without setRequestLocale.
  const candidate = explicit ?? (await rootLocale().catch(() => undefined));
  const locale = isLocale(candidate) ? candidate : routing.defaultLocale;
  return {
    locale,
    timeZone: 'America/Toronto',
    messages: (await import(`../messages/${locale}.json`)).default,
  };
});
