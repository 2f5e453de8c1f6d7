/**
 * The production server (server/production-server.ts) keeps reader pages in
 * memory in front of Next; it registers its purge functions here so that a
 * change made inside Next (a CMS hook, the revalidation endpoint) can reach
 * them. Under `next dev` or `next start` nothing is registered and there is
 * nothing to purge. On globalThis: the server and Next's route bundles share
 * the process, not their module instances.
 */
export type PageCachePurger = {
  /** Drops the entries of these public paths and of every URL starting with one of the prefixes. */
  purge(paths: readonly string[], prefixes: readonly string[]): number;
  /** Drops everything (a change that touches every page). */
  purgeAll(): number;
};

export const PAGE_CACHE_KEY = Symbol.for('northern-dispatch.page-cache');

type Holder = { [PAGE_CACHE_KEY]?: PageCachePurger };

export function registeredPageCache(): PageCachePurger | null {
  return (globalThis as Holder)[PAGE_CACHE_KEY] ?? null;
}
