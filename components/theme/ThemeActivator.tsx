'use client';

import { useEffect } from 'react';
import { useConsent } from '@/components/consent/useConsent';
import { PREFERENCE_COOKIE_DAYS } from '@/lib/consent/categories';
import { claimEarlyInteractions } from '@/lib/early-interactions';
import { chooseTheme, currentTheme, isTheme, storedTheme, THEME_SELECT_ID } from '@/lib/theme/theme-preference';

/**
 * Brings the footer's theme <select> to life (mounted by FeatureIslands):
 * shows the theme the inline script applied, and applies and
 * stores a new choice, for the session or, with `preferences` granted, for
 * PREFERENCE_COOKIE_DAYS.
 */
export function ThemeActivator() {
  const { granted } = useConsent();
  const persist = granted.preferences;

  useEffect(() => {
    const select = document.getElementById(THEME_SELECT_ID);
    if (!(select instanceof HTMLSelectElement)) return;
    // A theme picked before this island ran: apply it now rather than undo it.
    const early = claimEarlyInteractions(`#${THEME_SELECT_ID}`).at(-1)?.value;
    if (isTheme(early)) chooseTheme(early, persist ? PREFERENCE_COOKIE_DAYS : undefined);
    select.value = currentTheme();
    // A theme picked for the session, then `preferences` granted: keep it for
    // the time the reader just allowed. (A withdrawal turns it back into a
    // session cookie: the consent store does that for every such registry entry.)
    const stored = storedTheme();
    if (persist && stored) chooseTheme(stored, PREFERENCE_COOKIE_DAYS);
    const onChange = () => {
      if (isTheme(select.value)) chooseTheme(select.value, persist ? PREFERENCE_COOKIE_DAYS : undefined);
    };
    select.addEventListener('change', onChange);
    return () => select.removeEventListener('change', onChange);
  }, [persist]);

  return null;
}
