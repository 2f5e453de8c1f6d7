import type { CategoryChoices } from '@/lib/consent/categories';

/** Google Consent Mode v2 signals (https://developers.google.com/tag-platform/security/guides/consent). */
export type GoogleConsentState = {
  ad_storage: 'granted' | 'denied';
  ad_user_data: 'granted' | 'denied';
  ad_personalization: 'granted' | 'denied';
  analytics_storage: 'granted' | 'denied';
};

/** Before any decision, and for every category not granted. */
export const GOOGLE_CONSENT_DEFAULTS: GoogleConsentState = {
  ad_storage: 'denied',
  ad_user_data: 'denied',
  ad_personalization: 'denied',
  analytics_storage: 'denied',
};

/**
 * Our categories as Google's signals: `analytics` governs analytics_storage,
 * `marketing` the three advertising signals. Self-contained (no imports,
 * no module constants) because the inline <head> snippet embeds it as
 * source (lib/analytics/google-tag.ts): the tests and the page run the
 * same mapping.
 */
export function googleConsentFor(c: Pick<CategoryChoices, 'analytics' | 'marketing'>): GoogleConsentState {
  const ads = c.marketing ? 'granted' : 'denied';
  return {
    ad_storage: ads,
    ad_user_data: ads,
    ad_personalization: ads,
    analytics_storage: c.analytics ? 'granted' : 'denied',
  };
}
