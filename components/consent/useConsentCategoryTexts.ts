import { useLocale, useTranslations } from 'next-intl';
import { ALL_CATEGORIES, type ConsentCategory } from '@/lib/consent/categories';
import { googleSelect, type SiteTracking } from '@/lib/consent/site-tracking';
import { embedProviderList } from '@/lib/embeds/provider-list';
import { formatPeriod } from '@/lib/format-period';
import { CONSENT_RECEIPT_RETENTION_DAYS } from '@/lib/store/retention-policy';

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
    marketing: { google, providers: embedProviderList(locale) },
  };
  return Object.fromEntries(ALL_CATEGORIES.map((c) => [c, t(`${c}.description`, values[c])])) as Record<
    ConsentCategory,
    string
  >;
}
