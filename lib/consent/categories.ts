/**
 * Consent categories. `necessary` is always granted and never stored; the
 * other three are stored explicitly in every decision, refusal included.
 */
export const OPTIONAL_CATEGORIES = ['preferences', 'analytics', 'marketing'] as const;
export type OptionalCategory = (typeof OPTIONAL_CATEGORIES)[number];
export type ConsentCategory = 'necessary' | OptionalCategory;
export const ALL_CATEGORIES: readonly ConsentCategory[] = ['necessary', ...OPTIONAL_CATEGORIES];

export type CategoryChoices = Record<OptionalCategory, boolean>;

/**
 * Revision of the cookie policy. Raising it invalidates every stored choice,
 * so readers are asked again when what we do with cookies changes.
 */
export const POLICY_REVISION = 1;
/** ISO date of the current revision, shown on the cookie policy page. */
export const POLICY_REVISION_DATE = '2026-11-28';

/** A choice older than this must be asked again, whatever the browser kept. */
export const CONSENT_MAX_AGE_DAYS = 182;

/**
 * Life of a preference cookie (language, theme) once `preferences` is
 * granted; without it they are session cookies.
 */
export const PREFERENCE_COOKIE_DAYS = 365;
