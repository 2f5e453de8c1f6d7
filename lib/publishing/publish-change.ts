import { revalidatePath } from 'next/cache';
import type { PayloadRequest } from 'payload';
import { reloadContent } from '@/lib/content/live-content';
import { articleToSearchDocument } from '@/lib/search/content-search';
import { siteSearch } from '@/lib/search/live-search';
import { SITE_TAG, pathsOfTag } from './cache-tags';
import { purgeCdnTags } from './cdn-purge';
import { describeChange, type ContentChange } from './change-tags';
import { registeredPageCache } from './page-cache-bridge';
import { revalidationToken, revalidationUrl } from './revalidation-token';

export type PublishReport = ContentChange & {
  reason: string;
  /** Route paths handed to Next's revalidatePath (or to the server, from outside a request). */
  routePaths: string[];
  pageCacheEntriesPurged: number;
  elapsedMs: number;
};

/**
 * Next's cache: the listed routes are rendered afresh on their next request
 * (no stale-while-revalidate, which would show a takedown once more). Outside
 * a request (a scheduled job's timer) Next has no store to mark: the server's
 * own endpoint does it, inside a request.
 */
async function revalidateNext(routePaths: readonly string[], everything: boolean): Promise<void> {
  try {
    if (everything) revalidatePath('/', 'layout');
    else for (const path of routePaths) revalidatePath(path);
  } catch (error) {
    const res = await fetch(revalidationUrl(), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${revalidationToken()}` },
      body: JSON.stringify({ routePaths, everything }),
      signal: AbortSignal.timeout(5000),
    }).catch((e: unknown) => e);
    if (!(res instanceof Response) || !res.ok) {
      console.error('publishing: Next cache not revalidated:', error instanceof Error ? error.message : error);
    }
  }
}

/** Search: one document in or out per changed language version, never a rebuild. */
function updateSearch(change: ContentChange, repository: Awaited<ReturnType<typeof reloadContent>>['after']): void {
  if (change.tags.includes(SITE_TAG)) {
    siteSearch.reset();
    return;
  }
  for (const article of change.upserted) siteSearch.upsertDocument(articleToSearchDocument(article, repository));
  for (const { locale, id } of change.removed) siteSearch.removeDocument(locale, id);
}

const QUEUE_KEY = Symbol.for('northern-dispatch.publishing-queue');
type QueueHolder = { [QUEUE_KEY]?: Promise<unknown> };

/**
 * The one way a change reaches readers: reload what they may see, work out
 * which tags it touched, then Next's cache, the production server's page
 * cache, the search index and the CDN, in both languages. Changes are handled
 * one at a time, in order, so two quick saves cannot leave an older snapshot
 * in place. A failing layer is logged and never fails the editor's save.
 */
export function publishChange(reason: string, req?: Partial<PayloadRequest>): Promise<PublishReport> {
  const holder = globalThis as QueueHolder;
  const run = async (): Promise<PublishReport> => {
    const started = performance.now();
    const { before, after } = await reloadContent(req);
    const change = describeChange(before, after);
    const everything = change.tags.includes(SITE_TAG);
    const covered = change.tags.map(pathsOfTag);
    const routePaths = [...new Set(covered.flatMap((c) => c.routePaths))];
    await revalidateNext(routePaths, everything);

    const pageCache = registeredPageCache();
    let purged = 0;
    if (pageCache) {
      purged = everything
        ? pageCache.purgeAll()
        : pageCache.purge([...new Set(covered.flatMap((c) => c.paths))], [...new Set(covered.flatMap((c) => c.prefixes))]);
    }
    try {
      updateSearch(change, after);
    } catch (error) {
      console.error('publishing: search not updated, rebuilding on next search:', error);
      siteSearch.reset();
    }
    // Not awaited: a slow CDN must not hold the editor's save.
    void purgeCdnTags(change.tags);
    const report = { ...change, reason, routePaths, pageCacheEntriesPurged: purged, elapsedMs: Math.round(performance.now() - started) };
    if (change.tags.length > 0) {
      console.log(`publishing: ${reason}: ${change.tags.length} tags, ${routePaths.length} routes, ${purged} cached pages purged in ${report.elapsedMs} ms`);
    }
    return report;
  };
  const next = (holder[QUEUE_KEY] ?? Promise.resolve()).then(run, run);
  holder[QUEUE_KEY] = next.catch(() => undefined);
  return next;
}

/** For the revalidation endpoint, called inside a request on behalf of a process that has none. */
export function revalidateRoutes(routePaths: readonly string[], everything: boolean): void {
  if (everything) revalidatePath('/', 'layout');
  else for (const path of routePaths) revalidatePath(path);
}
