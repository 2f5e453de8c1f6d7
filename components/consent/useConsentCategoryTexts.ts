import { useLocale, useTranslations } from 'next-intl';
import type { Locale } from '@/i18n/routing';
import { ALL_CATEGORIES, type ConsentCategory } from '@/lib/consent/categories';
import { googleSelect, type SiteTracking } from '@/lib/consent/site-tracking';
import { embedProviders } from '@/lib/embeds/providers';
import { formatPeriod } from '@/lib/format-period';
import { localeTags } from '@/i18n/routing';
import { CONSENT_RECEIPT_RETENTION_DAYS } from '@/lib/store/retention-policy';

/** "YouTube and OpenStreetMap" / "YouTube et OpenStreetMap", from the providers the code can embed. */
export function providerList(locale: Locale): string {
  return new Intl.ListFormat(localeTags[locale].html, { type: 'conjunction' }).format(embedProviders.map((p) => p.name));
}

/**
 * The description of each consent category, for the dialog and the cookie
 * policy alike, filled from the code's own figures (retention, providers)
 * and switched on the build's configuration (the Google tag).
 */
export function useConsentCategoryTexts(tracking: SiteTracking): Record<ConsentCategory, string> {
  const t = useTranslations('Consent.categories');
  const locale = useLocale();
  const google = googleSelect(tracking);
  const values: Record<ConsentCategory, Record<string, string>> = {
    necessary: { receiptPeriod: formatPeriod(CONSENT_RECEIPT_RETENTION_DAYS, locale) },
    preferences: {},
    analytics: { google },
    marketing: { google, providers: providerList(locale) },
  };
  return Object.fromEntries(ALL_CATEGORIES.map((c) => [c, t(`${c}.description`, values[c])])) as Record<
    ConsentCategory,
    string
  >;
}
