/**
 * How long caches may keep what the site serves, and what keeps a page out of
 * them: one home for the values the production server's page cache
 * (server/static-page-cache.ts), next.config.ts's header rules and proxy.ts
 * share. No imports, so that next.config.ts and the proxy can load it.
 */

/** A CDN may keep a page 10 minutes and serve it stale for a day while refreshing; browsers revalidate (304). */
export const PAGE_CACHE_CONTROL = 'public, max-age=0, s-maxage=600, stale-while-revalidate=86400';

/**
 * "Not found" is only true until an editor publishes at that URL: a CDN may
 * keep it a minute, not the year Next gives the prerendered 404 page.
 */
export const NOT_FOUND_CACHE_CONTROL = 'public, max-age=0, s-maxage=60';

/**
 * Set by next.config.ts on pages rendered per request whose bytes depend only
 * on their URL (search results): the page cache keeps them per URL. Internal:
 * the production server removes it from every answer.
 */
export const PER_URL_HEADER = 'x-cache-per-url';

/**
 * Next's draft-mode cookie (`COOKIE_NAME_PRERENDER_BYPASS` inside Next, not a
 * public export; __tests__/server checks the two agree): an editor previewing
 * a draft sees pages no reader can open, never served from or kept in a cache.
 */
export const DRAFT_MODE_COOKIE = '__prerender_bypass';
