/**
 * What this build turns on that changes what readers must be told. The
 * consent texts, the cookie registry and the privacy page all read this one
 * value, so no sentence can describe a configuration the site is not in.
 * NEXT_PUBLIC_GA_ID is inlined at build time, like the Google tag itself.
 */
export type SiteTracking = {
  /** The optional Google tag (Google Analytics 4) is on every page. */
  googleTag: boolean;
};

export const siteTracking: SiteTracking = { googleTag: Boolean(process.env.NEXT_PUBLIC_GA_ID?.trim()) };

/** The ICU `select` value the consent messages switch on. */
export function googleSelect(tracking: SiteTracking): 'on' | 'off' {
  return tracking.googleTag ? 'on' : 'off';
}
