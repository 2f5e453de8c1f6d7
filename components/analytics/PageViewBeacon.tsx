'use client';

import { useEffect } from 'react';
import type { Locale } from '@/i18n/routing';
import { buildPageView, PAGE_VIEW_ENDPOINT } from '@/lib/analytics/page-view';

// Every navigation on this site is a full page load, so a module-level flag
// means "this page view": withdrawing and granting again on the same page
// does not count it twice.
let sent = false;

/**
 * First-party audience measurement. Rendered only inside
 * <ConsentGate category="analytics"> (see AnalyticsIslands), and its code is
 * fetched only then: refused or undecided, no beacon and not even this
 * chunk. Granted on an earlier visit, the view is sent on load; granted
 * during this visit, the page being read is counted at that moment.
 *
 * navigator.sendBeacon with a string body is a text/plain "simple" request
 * (no CORS preflight, survives leaving the page); the endpoint accepts that
 * type and parses it as JSON. No cookie is read or written: the registry
 * lists none for analytics.
 */
export function PageViewBeacon({ locale }: { locale: Locale }) {
  useEffect(() => {
    if (sent) return;
    sent = true;
    const view = buildPageView(location.pathname, locale, document.referrer);
    if (view) navigator.sendBeacon?.(PAGE_VIEW_ENDPOINT, JSON.stringify(view));
  }, [locale]);
  return null;
}
