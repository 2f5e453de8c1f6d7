import { revalidatePath } from 'next/cache';
import type { PayloadRequest } from 'payload';
import { reloadContent } from '@/lib/content/live-content';
import { articleToSearchDocument } from '@/lib/search/content-search';
import { siteSearch } from '@/lib/search/live-search';
import { SITE_TAG, pathsOfTag } from './cache-tags';
import { purgeCdnTags } from './cdn-purge';
import { publishToInstances, type RecordedChange } from './change-channel';
import { describeChange, type ContentChange } from './change-tags';
import { registeredPageCache } from './page-cache-bridge';
import { payloadTransactionClient, type SqlClient } from './payload-transaction';
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
    revalidateRoutes(routePaths, everything);
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

/**
 * Search: one document in or out per changed language version, never a
 * rebuild. The shared PostgreSQL index is written in the CMS's transaction
 * when there is one (`within`), so it commits with the save.
 */
async function updateSearch(change: ContentChange, repository: Awaited<ReturnType<typeof reloadContent>>['after'], within: SqlClient | null): Promise<void> {
  if (change.tags.includes(SITE_TAG)) {
    siteSearch.reset();
    return;
  }
  for (const article of change.upserted) await siteSearch.upsertDocument(articleToSearchDocument(article, repository), within);
  for (const { locale, id } of change.removed) await siteSearch.removeDocument(locale, id, within);
}

const QUEUE_KEY = Symbol.for('northern-dispatch.publishing-queue');
type QueueHolder = { [QUEUE_KEY]?: Promise<unknown> };

/** Runs changes one at a time, in order, whichever instance they came from. */
function inOrder<T>(run: () => Promise<T>): Promise<T> {
  const holder = globalThis as QueueHolder;
  const next = (holder[QUEUE_KEY] ?? Promise.resolve()).then(run, run);
  holder[QUEUE_KEY] = next.catch(() => undefined);
  return next;
}

/**
 * The layers every instance runs for a change, its own or another's: the
 * content snapshot (already reloaded by the caller), Next's cache and the
 * page cache. Returns the route paths revalidated and the entries purged.
 */
async function refreshLocalCaches(tags: readonly string[]): Promise<{ routePaths: string[]; purged: number }> {
  const everything = tags.includes(SITE_TAG);
  const covered = tags.map(pathsOfTag);
  const routePaths = [...new Set(covered.flatMap((c) => c.routePaths))];
  await revalidateNext(routePaths, everything);
  const pageCache = registeredPageCache();
  let purged = 0;
  if (pageCache) {
    purged = everything
      ? pageCache.purgeAll()
      : pageCache.purge([...new Set(covered.flatMap((c) => c.paths))], [...new Set(covered.flatMap((c) => c.prefixes))]);
  }
  return { routePaths, purged };
}

/**
 * The one way a change reaches readers: reload what they may see, work out
 * which tags it touched, then Next's cache, the production server's page
 * cache, the search index, the CDN and the other instances (change-channel.ts),
 * in both languages. Changes are handled one at a time, in order, so two
 * quick saves cannot leave an older snapshot in place. A failing layer is
 * logged and never fails the editor's save.
 */
export function publishChange(reason: string, req?: Partial<PayloadRequest>): Promise<PublishReport> {
  return inOrder(async (): Promise<PublishReport> => {
    const started = performance.now();
    const { before, after } = await reloadContent(req);
    const change = describeChange(before, after);
    const { routePaths, purged } = await refreshLocalCaches(change.tags);
    // The CMS's open transaction (PostgreSQL): the search document and the change row commit with the save.
    const within = siteSearch.shared ? await payloadTransactionClient(req) : null;
    try {
      await updateSearch(change, after, within);
    } catch (error) {
      console.error('publishing: search not updated, rebuilding on next search:', error);
      siteSearch.reset();
    }
    // Not awaited: a slow CDN must not hold the editor's save.
    void purgeCdnTags(change.tags);
    if (change.tags.length > 0) {
      try {
        await publishToInstances({ tags: change.tags, upserted: change.upserted.map((a) => ({ locale: a.locale, id: a.id })), removed: change.removed }, within);
      } catch (error) {
        console.error('publishing: other instances not told:', error instanceof Error ? error.message : error);
      }
    }
    const report = { ...change, reason, routePaths, pageCacheEntriesPurged: purged, elapsedMs: Math.round(performance.now() - started) };
    if (change.tags.length > 0) {
      console.log(`publishing: ${reason}: ${change.tags.length} tags, ${routePaths.length} routes, ${purged} cached pages purged in ${report.elapsedMs} ms`);
    }
    return report;
  });
}

/**
 * A change another instance published (change-channel.ts), or one this
 * instance missed while disconnected: the local layers only. The content
 * snapshot is read again and Next's cache and the page cache purged for the
 * tags it carries and any this snapshot finds changed. Never the CDN (the
 * publishing instance purged it), never the other instances (no echo), and
 * the shared search index was written by the publisher; an in-process index
 * (tests: two channels in one process) takes the documents itself.
 */
export function applyChangeFromOtherInstance(recorded: Pick<RecordedChange, 'id' | 'tags' | 'origin'>): Promise<PublishReport> {
  return inOrder(async (): Promise<PublishReport> => {
    const started = performance.now();
    const { before, after } = await reloadContent();
    const local = describeChange(before, after);
    const tags = [...new Set([...recorded.tags, ...local.tags])].sort();
    const { routePaths, purged } = await refreshLocalCaches(tags);
    try {
      if (!siteSearch.shared) await updateSearch({ ...local, tags }, after, null);
      else if (tags.includes(SITE_TAG)) siteSearch.forgetTopics();
    } catch (error) {
      console.error('publishing: search not updated, rebuilding on next search:', error);
      siteSearch.reset();
    }
    const report = { ...local, tags, reason: `change ${recorded.id} from ${recorded.origin}`, routePaths, pageCacheEntriesPurged: purged, elapsedMs: Math.round(performance.now() - started) };
    console.log(`publishing: ${report.reason}: ${tags.length} tags, ${routePaths.length} routes, ${purged} cached pages purged in ${report.elapsedMs} ms`);
    return report;
  });
}

/** For the revalidation endpoint, called inside a request on behalf of a process that has none. */
export function revalidateRoutes(routePaths: readonly string[], everything: boolean): void {
  if (everything) revalidatePath('/', 'layout');
  else for (const path of routePaths) revalidatePath(path);
}
