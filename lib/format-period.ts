import { localeTags, type Locale } from '@/i18n/routing';

/** "182 days", "1 year", "2 ans": whole years read better than 365 days. */
export function formatPeriod(days: number, locale: Locale): string {
  const inYears = days % 365 === 0;
  return new Intl.NumberFormat(localeTags[locale].html, {
    style: 'unit',
    unit: inYears ? 'year' : 'day',
    unitDisplay: 'long',
  }).format(inYears ? days / 365 : days);
}
