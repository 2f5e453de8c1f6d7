import { localeTags, type Locale } from '@/i18n/routing';
import { NEWSROOM_TIME_ZONE } from '@/lib/site-config';

/**
 * Dates as each edition writes them: "January 16, 2026" / "16 janvier 2026",
 * and with the time, "6:45 p.m. EST" / "18 h 45 HNE". Formatting with the
 * regional tag (fr-CA, not fr) is what gives Canadian French its "18 h 45".
 */
export function formatArticleDate(
  iso: string,
  locale: Locale,
  timeZone: string = NEWSROOM_TIME_ZONE,
  { withTime = false } = {},
): string {
  const options: Intl.DateTimeFormatOptions = withTime
    ? { year: 'numeric', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short', timeZone }
    : { year: 'numeric', month: 'long', day: 'numeric', timeZone };
  return (
    new Intl.DateTimeFormat(localeTags[locale].html, options)
      .formatToParts(new Date(iso))
      // CLDR pads fr-CA hours ("07 h 45"); the OQLF and Canadian newsrooms write "7 h 45".
      .map((part) => (part.type === 'hour' ? String(Number(part.value)) : part.value))
      .join('')
  );
}

/** A calendar day (`YYYY-MM-DD`, such as a policy's date), read as that day wherever the server runs. */
export function formatCalendarDay(isoDay: string, locale: Locale): string {
  return formatArticleDate(`${isoDay}T12:00:00Z`, locale, 'UTC');
}
