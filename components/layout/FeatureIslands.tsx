'use client';

import { lazy, Suspense, useSyncExternalStore } from 'react';
import { ConsentGate } from '@/components/consent/ConsentGate';
import { ThemeActivator } from '@/components/theme/ThemeActivator';
import type { Locale } from '@/i18n/routing';
import { EMBED_ATTRIBUTES } from '@/lib/embeds/embed-markup';
import '@/components/embeds/embeds.css';

/*
 * One small loader for the islands of the features consent governs, in the
 * page shell. Turbopack puts all the client components of a route segment in
 * one chunk (the layout's is the consent island's, whose 5 KB budget is
 * spent), so this file holds only gates, and each feature's code is fetched
 * when it may run and is needed:
 * - the page-view beacon once `analytics` is granted (refused or undecided:
 *   no request at all, not even for its code);
 * - the embed island only on a page with an embed placeholder.
 * The theme island is needed on every page (the footer's control), so it
 * comes with this file rather than as one more request.
 */
const PageViewBeacon = lazy(() => import('@/components/analytics/PageViewBeacon').then((m) => ({ default: m.PageViewBeacon })));
const EmbedActivator = lazy(() =>
  import('@/components/embeds/EmbedActivator').then((m) => ({ default: m.EmbedActivator })),
);

const noSubscription = () => () => {};
// Read once hydration is done. On the server and during hydration: false, so
// the static HTML is the same for everyone and hydration never mismatches.
const pageHasEmbeds = () => document.querySelector(`[${EMBED_ATTRIBUTES.provider}]`) !== null;
const onServer = () => false;

export function FeatureIslands({ locale }: { locale: Locale }) {
  const hasEmbeds = useSyncExternalStore(noSubscription, pageHasEmbeds, onServer);
  return (
    <>
      <ThemeActivator />
      <Suspense fallback={null}>
        <ConsentGate category="analytics">
          <PageViewBeacon locale={locale} />
        </ConsentGate>
        {hasEmbeds ? <EmbedActivator /> : null}
      </Suspense>
    </>
  );
}
