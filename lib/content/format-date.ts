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

/**
 * An instant as the newsroom wrote it: ISO 8601 with its local offset,
 * `2026-01-16T15:20:00-05:00`, not the UTC form a database returns. Pages,
 * feeds and JSON-LD then show the same string whether an article came from a
 * seed file or the CMS. Undefined or unreadable input comes back as is, for
 * the schema to reject.
 */
export function toNewsroomIso(iso: string | null | undefined, timeZone: string = NEWSROOM_TIME_ZONE): string | undefined {
  if (!iso) return undefined;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      timeZoneName: 'longOffset',
    })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  // "GMT-05:00", or "GMT" for a zero offset.
  const offset = (parts.timeZoneName ?? 'GMT').replace('GMT', '') || '+00:00';
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${offset}`;
}

/** A calendar day (`YYYY-MM-DD`, such as a policy's date), read as that day wherever the server runs. */
export function formatCalendarDay(isoDay: string, locale: Locale): string {
  return formatArticleDate(`${isoDay}T12:00:00Z`, locale, 'UTC');
}
