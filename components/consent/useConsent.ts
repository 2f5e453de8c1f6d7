'use client';

import { useMemo, useSyncExternalStore } from 'react';
import { ALL_CATEGORIES, type ConsentCategory } from '@/lib/consent/categories';
import {
  getConsentState,
  getServerConsentState,
  isGranted,
  subscribeConsent,
  type ConsentState,
} from '@/lib/consent/current-choice';

export type ConsentView = ConsentState & {
  /** What may run now; everything optional is false until the reader said yes. */
  granted: Record<ConsentCategory, boolean>;
};

/**
 * The one way code asks about consent. On the server and during hydration
 * the status is "unknown" and nothing optional is granted (the prerendered
 * HTML is the same for everyone), then the stored choice, then every later
 * change, from this tab or another.
 */
export function useConsent(): ConsentView {
  const state = useSyncExternalStore(subscribeConsent, getConsentState, getServerConsentState);
  return useMemo(
    () => ({
      ...state,
      granted: Object.fromEntries(ALL_CATEGORIES.map((c) => [c, isGranted(state, c)])) as Record<
        ConsentCategory,
        boolean
      >,
    }),
    [state],
  );
}
